package io.vieweratlas.twitch.irc;

/**
 * Counters of a chat client since it started.
 *
 * @param connections    open or reconnecting connections
 * @param channels       channels watched
 * @param joinedChannels channels whose JOIN Twitch confirmed on the current sockets
 * @param lines          IRC lines received
 * @param messages       chat messages (PRIVMSG, USERNOTICE) received
 * @param presence       presence events delivered to the listener
 * @param joinsSent      JOIN commands sent (including rejoins)
 * @param reconnects     sessions that ended and were started again
 * @param joinsRefused   JOINs sent (each cost a join permit) that Twitch refused with a NOTICE
 */
public record ChatStats(int connections, int channels, int joinedChannels, long lines, long messages, long presence,
                        long joinsSent, long reconnects, long joinsRefused) {
}
