/**
 * Chat presence over Twitch IRC on plain sockets: message parsing (IRCv3 tags), connections that
 * reconnect and rejoin, a join rate limiter shared per account, and the client that spreads
 * channels over connections.
 */
package io.vieweratlas.twitch.irc;
