package io.vieweratlas.synth;

import java.util.SplittableRandom;

/**
 * Draws logins that look like Twitch logins: lower-case {@code a-z}, digits and underscores, 4 to
 * 25 characters, starting with a letter. Uniqueness is the caller's job ({@link LoginSet}).
 */
final class Names {

    static final int MIN_LENGTH = 4;
    static final int MAX_LENGTH = 25;

    private static final String[] ADJECTIVES = {
        "sleepy", "angry", "happy", "silent", "dark", "lucky", "crazy", "lazy", "salty", "spicy", "frozen",
        "golden", "silver", "shadow", "cosmic", "toxic", "chill", "wild", "tiny", "mega", "ultra", "hyper",
        "pixel", "retro", "neon", "lunar", "solar", "rusty", "fuzzy", "grumpy", "sneaky", "brave", "swift",
        "mighty", "epic", "lowkey", "based", "cursed", "blessed", "feral", "chunky", "smol", "big", "little",
        "old", "young", "red", "blue", "green", "purple", "black", "white", "pink", "orange", "crimson",
        "azure", "electric", "atomic", "mystic", "savage", "gentle", "noisy", "quiet", "rapid", "slow",
        "clumsy", "fancy", "humble", "jolly", "moody", "nerdy", "quirky", "rowdy", "shiny", "soggy",
        "stormy", "sunny", "tired", "wobbly", "zesty", "ancient", "broken", "hidden", "lost", "royal",
        "secret", "wicked", "true", "real", "pro", "noob", "ranked", "casual", "turbo", "super", "magic",
        "icy", "fiery", "misty", "dusty", "sweet", "sour", "bitter", "crispy", "crunchy", "soft", "loud",
    };

    private static final String[] NOUNS = {
        "otter", "panda", "tiger", "wolf", "fox", "raven", "dragon", "phoenix", "ninja", "samurai", "pirate",
        "wizard", "knight", "goblin", "potato", "waffle", "pancake", "noodle", "taco", "burrito", "nugget",
        "muffin", "cookie", "pickle", "banana", "mango", "cactus", "penguin", "koala", "llama", "moose",
        "badger", "ferret", "hamster", "kitten", "puppy", "doggo", "cat", "frog", "toad", "gecko", "shark",
        "whale", "squid", "octopus", "crab", "lobster", "bear", "eagle", "hawk", "owl", "crow", "duck",
        "goose", "chicken", "turtle", "sloth", "lemur", "monkey", "gorilla", "rhino", "hippo", "zebra",
        "gamer", "player", "sniper", "camper", "healer", "tank", "support", "jungler", "carry", "main",
        "legend", "hero", "villain", "ghost", "spirit", "demon", "angel", "robot", "cyborg", "alien",
        "comet", "meteor", "planet", "galaxy", "nova", "storm", "thunder", "blaze", "frost", "ember",
        "shadow", "blade", "sword", "arrow", "hammer", "shield", "crown", "throne", "castle", "tower",
        "river", "ocean", "forest", "mountain", "valley", "desert", "island", "moon", "star", "sun",
        "coffee", "tea", "soda", "pizza", "ramen", "sushi", "dumpling", "toast", "bagel", "donut", "pretzel",
        "boi", "dude", "guy", "gal", "lad", "bro", "sis", "king", "queen", "prince", "lord", "boss", "chief",
        "viking", "ronin", "shogun", "bandit", "rogue", "mage", "cleric", "druid", "monk", "paladin", "hunter",
    };

    private static final String[] FIRST_NAMES = {
        "alex", "sam", "max", "leo", "mia", "emma", "noah", "liam", "lucas", "hugo", "ines", "lea", "jonas",
        "felix", "paul", "lena", "anna", "sofia", "mateo", "diego", "lucia", "pablo", "carlos", "maria",
        "juan", "pedro", "joao", "ana", "rafael", "gabriel", "bruno", "thomas", "julien", "camille", "chloe",
        "louis", "marie", "yuki", "haruto", "sakura", "kenta", "ren", "minjun", "jisoo", "seoyeon", "dmitry",
        "ivan", "olga", "nikita", "sasha", "katya", "jake", "josh", "ryan", "kevin", "kyle", "tyler", "chris",
        "matt", "nick", "emily", "sarah", "jess", "kate", "lucy", "zoe", "ella", "ava", "lily", "jack", "ben",
        "tom", "dan", "sean", "ali", "omar", "sara", "nina", "eva", "jan", "tim", "finn", "erik", "lars",
    };

    private static final String[] SYLLABLES = {
        "ka", "zu", "mi", "ro", "shi", "ta", "ne", "ko", "ri", "ya", "lo", "va", "th", "ar", "en", "dor",
        "gar", "mor", "zel", "kai", "rin", "sol", "tor", "vex", "xor", "quin", "lu", "na", "ba", "di",
        "fe", "go", "hu", "ji", "ke", "le", "mo", "nu", "po", "ra", "se", "ti", "vo", "wy", "ze", "cro",
        "dra", "fli", "gri", "kro", "pla", "tri", "sky", "zap", "bo", "xi", "qu", "ly", "ry", "ty",
    };

    private static final String[] CHANNEL_SUFFIXES = {
        "tv", "ttv", "live", "plays", "gaming", "games", "_tv", "_live", "official", "stream", "hd", "gg",
    };

    private static final String[] CHANNEL_PREFIXES = {"the", "its", "im", "mr", "ms", "real", "just", "xx"};

    private Names() {
    }

    /** A viewer-style login: word pairs, names with numbers, invented names. */
    static String viewer(SplittableRandom r) {
        StringBuilder b = new StringBuilder(24);
        int style = r.nextInt(100);
        if (style < 20) {
            b.append(pick(r, ADJECTIVES)).append(pick(r, NOUNS));
        } else if (style < 40) {
            b.append(pick(r, ADJECTIVES)).append(pick(r, NOUNS)).append(number(r));
        } else if (style < 55) {
            b.append(pick(r, FIRST_NAMES)).append(r.nextInt(4) == 0 ? year(r) : number(r));
        } else if (style < 63) {
            b.append(pick(r, r.nextBoolean() ? ADJECTIVES : FIRST_NAMES)).append('_').append(pick(r, NOUNS));
        } else if (style < 75) {
            invented(r, b, 2 + r.nextInt(2));
        } else if (style < 85) {
            invented(r, b, 2 + r.nextInt(2));
            b.append(number(r));
        } else if (style < 93) {
            b.append(pick(r, NOUNS)).append('_').append(number(r));
        } else {
            b.append(pick(r, CHANNEL_PREFIXES)).append(pick(r, NOUNS));
            if (r.nextBoolean()) {
                b.append(r.nextInt(100));
            }
        }
        return finish(r, b);
    }

    /** A channel-style login: brand-like names, often with a streaming suffix. */
    static String channel(SplittableRandom r) {
        StringBuilder b = new StringBuilder(24);
        int style = r.nextInt(100);
        if (style < 25) {
            invented(r, b, 2 + r.nextInt(2));
        } else if (style < 50) {
            if (r.nextBoolean()) {
                invented(r, b, 2);
            } else {
                b.append(pick(r, r.nextBoolean() ? FIRST_NAMES : NOUNS));
            }
            b.append(pick(r, CHANNEL_SUFFIXES));
        } else if (style < 70) {
            if (r.nextBoolean()) {
                b.append(pick(r, CHANNEL_PREFIXES)).append(pick(r, NOUNS));
            } else {
                b.append(pick(r, ADJECTIVES)).append(pick(r, NOUNS));
            }
        } else if (style < 80) {
            b.append(pick(r, FIRST_NAMES)).append('_').append(pick(r, NOUNS));
        } else if (style < 90) {
            b.append(pick(r, NOUNS)).append(10 + r.nextInt(90));
        } else {
            // Short hand-picked-looking names ("xqcow"-like): consonant-heavy syllables.
            invented(r, b, 2);
            b.append(pick(r, SYLLABLES).charAt(0));
        }
        return finish(r, b);
    }

    /** Applies the length rules: pads short logins with digits and cuts long ones. */
    private static String finish(SplittableRandom r, StringBuilder b) {
        while (b.length() < MIN_LENGTH) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        if (b.length() > MAX_LENGTH) {
            b.setLength(MAX_LENGTH);
        }
        return b.toString();
    }

    private static void invented(SplittableRandom r, StringBuilder b, int syllables) {
        for (int i = 0; i < syllables; i++) {
            b.append(pick(r, SYLLABLES));
        }
    }

    private static String number(SplittableRandom r) {
        // Mostly one to three digits, as on Twitch; four now and then.
        int d = r.nextInt(20);
        int digits = d < 7 ? 1 : d < 15 ? 2 : d < 19 ? 3 : 4;
        int bound = digits == 1 ? 10 : digits == 2 ? 100 : digits == 3 ? 1000 : 10000;
        return Integer.toString(r.nextInt(bound));
    }

    private static String year(SplittableRandom r) {
        return Integer.toString(1985 + r.nextInt(25));
    }

    private static String pick(SplittableRandom r, String[] words) {
        return words[r.nextInt(words.length)];
    }

    /** True when {@code login} obeys Twitch's login rules as this generator applies them. */
    static boolean isValid(String login) {
        if (login.length() < MIN_LENGTH || login.length() > MAX_LENGTH) {
            return false;
        }
        char first = login.charAt(0);
        if (first < 'a' || first > 'z') {
            return false;
        }
        for (int i = 0; i < login.length(); i++) {
            char c = login.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
