package io.vieweratlas.synth;

import java.util.List;

/** Fixed vocabularies for synthetic metadata: games, languages, bot accounts and stream titles. */
final class Catalog {

    /** Categories with a rough popularity weight, as Twitch's directory shows them. */
    static final List<String> GAMES = List.of(
            "Just Chatting", "League of Legends", "Valorant", "Minecraft", "Fortnite", "Counter-Strike",
            "Grand Theft Auto V", "World of Warcraft", "Dota 2", "Apex Legends", "Call of Duty: Warzone",
            "Overwatch 2", "Hearthstone", "Rocket League", "Dead by Daylight", "Teamfight Tactics",
            "Escape from Tarkov", "EA Sports FC 25", "Elden Ring", "Rust", "Pokémon Scarlet and Violet",
            "Chess", "Music", "Art", "Slots", "Marvel Rivals");
    static final double[] GAME_WEIGHTS = {
        14, 9, 8, 7, 7, 7, 7, 5, 5, 5, 5, 4, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 4,
    };

    /** Broadcaster languages with a rough share of Twitch streams. */
    static final List<String> LANGUAGES = List.of("en", "es", "de", "fr", "pt", "ja", "ko", "ru");
    static final double[] LANGUAGE_WEIGHTS = {45, 12, 8, 7, 8, 7, 5, 8};

    /** Chat bots many channels run: in chat from start to end of every stream. */
    static final List<String> CHAT_BOTS = List.of(
            "nightbot", "streamelements", "moobot", "fossabot", "soundalerts", "streamlabs", "wizebot",
            "sery_bot", "kofistreambot", "pokemoncommunitygame");

    /** Accounts that sit in thousands of chats at once (viewer-list crawlers and lurker bots). */
    static final List<String> LURKER_BOTS = List.of(
            "commanderroot", "anotherttvviewer", "lurxx", "drapsnatt", "aliceydra", "v_and_k", "creatisbot");

    /** Title templates per language; {@code %s} is the game. */
    static final List<List<String>> TITLES = List.of(
            List.of("%s ranked grind | !discord !socials", "chill %s stream w/ chat", "first time playing %s!!",
                    "road to top 500 | %s", "%s all day | !sub !youtube", "late night %s with the squad",
                    "DROPS ON | %s | !giveaway"),
            List.of("%s con la comunidad | !discord", "directo de %s | !redes", "jugando %s con subs",
                    "%s hasta que caiga | !sorteo"),
            List.of("%s mit euch | !discord", "entspannter %s Stream", "%s bis zum Umfallen | !youtube"),
            List.of("%s avec vous | !discord", "soirée %s tranquille", "on tryhard %s | !réseaux"),
            List.of("%s com a galera | !discord", "live de %s | !sorteio", "jogando %s com inscritos"),
            List.of("%s 配信 | まったり", "%s 初見プレイ", "%s ランク | !discord"),
            List.of("%s 방송 | !디코", "오늘도 %s", "%s 랭크 올리기"),
            List.of("%s стрим | !discord", "играем в %s с чатом", "%s до утра | !тг"));

    private Catalog() {
    }
}
