package io.vieweratlas.twitch.irc;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IrcMessageTest {

    @Test
    void parsesATaggedPrivmsg() {
        IrcMessage m = IrcMessage.parse("@badge-info=;badges=broadcaster/1;display-name=Ronni;emotes=;"
                + "tmi-sent-ts=1700000000123;user-id=1337;user-type= :ronni!ronni@ronni.tmi.twitch.tv "
                + "PRIVMSG #dallas :Kappa Keepo Kappa");
        assertEquals("PRIVMSG", m.command());
        assertEquals(List.of("#dallas", "Kappa Keepo Kappa"), m.params());
        assertEquals(Optional.of("ronni"), m.nick());
        assertEquals(Optional.of("1337"), m.tag("user-id"));
        assertEquals(Optional.of("1700000000123"), m.tag("tmi-sent-ts"));
        assertEquals(Optional.of(""), m.tag("badge-info"));
        assertEquals(Optional.of(""), m.tag("user-type"));
        assertEquals(Optional.of("broadcaster/1"), m.tag("badges"));
    }

    @Test
    void unescapesTagValues() {
        IrcMessage m = IrcMessage.parse("@a=one\\stwo;b=semi\\:colon;c=back\\\\slash;d=cr\\rlf\\n;e=\\q;f=end\\;g;h= "
                + ":x!x@x PRIVMSG #c :t");
        assertEquals("one two", m.tags().get("a"));
        assertEquals("semi;colon", m.tags().get("b"));
        assertEquals("back\\slash", m.tags().get("c"));
        assertEquals("cr\rlf\n", m.tags().get("d"));
        assertEquals("q", m.tags().get("e"), "an unknown escape stands for the character itself");
        assertEquals("end", m.tags().get("f"), "a lone trailing backslash is dropped");
        assertEquals("", m.tags().get("g"), "a tag without value is empty");
        assertEquals("", m.tags().get("h"));
    }

    @Test
    void escapingRoundTrips() {
        String value = "a b;c\\d\re\nf";
        assertEquals(value, IrcMessage.unescapeTagValue(IrcMessage.escapeTagValue(value)));
        assertEquals("a\\sb\\:c\\\\d\\re\\nf", IrcMessage.escapeTagValue(value));
    }

    @Test
    void parsesServerLinesWithoutTags() {
        IrcMessage ping = IrcMessage.parse("PING :tmi.twitch.tv");
        assertEquals("PING", ping.command());
        assertEquals(Optional.empty(), ping.prefix());
        assertEquals(List.of("tmi.twitch.tv"), ping.params());

        IrcMessage names = IrcMessage.parse(":me.tmi.twitch.tv 353 me = #chan :alice bob carol");
        assertEquals("353", names.command());
        assertEquals(List.of("me", "=", "#chan", "alice bob carol"), names.params());

        IrcMessage join = IrcMessage.parse(":bob!bob@bob.tmi.twitch.tv JOIN #chan");
        assertEquals(Optional.of("bob"), join.nick());
        assertEquals(List.of("#chan"), join.params());

        IrcMessage reconnect = IrcMessage.parse(":tmi.twitch.tv RECONNECT");
        assertEquals("RECONNECT", reconnect.command());
        assertEquals(Optional.of("tmi.twitch.tv"), reconnect.nick());
        assertEquals(List.of(), reconnect.params());

        IrcMessage empty = IrcMessage.parse(":x!x@x PRIVMSG #c :");
        assertEquals(List.of("#c", ""), empty.params());
    }

    @Test
    void rejectsALineWithoutCommand() {
        assertThrows(IllegalArgumentException.class, () -> IrcMessage.parse("@a=b "));
        assertThrows(IllegalArgumentException.class, () -> IrcMessage.parse(""));
    }
}
