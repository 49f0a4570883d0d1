//! How NHS names are shown: published in capitals, shown in title case, but keeping what
//! people know as it is published (acronyms, initials, bracketed abbreviations); and staff
//! figures, which are "unknown" rather than 0 where a source publishes none.

use super::quantity::Fte;

/// Words kept in capitals wherever they appear.
const KEEP_UPPER: [&str; 10] = [
    "PCN", "GP", "NHS", "ICB", "UK", "II", "III", "IV", "CCG", "ICS",
];
/// Joining words written in lower case (except first).
const LOWER: [&str; 6] = ["AND", "OF", "THE", "AT", "ON", "IN"];
/// Short words that are words, not initials.
const SHORT_WORDS: [&str; 12] = [
    "ST", "DR", "OF", "ON", "AT", "IN", "BY", "UP", "TO", "MY", "NO", "MC",
];

/// Title case for upper-case NHS names: `BURGESS HILL & VILLAGES PCN` → `Burgess Hill &
/// Villages PCN`, keeping initials and abbreviations as published: `4PCN (BNSSG)`,
/// `SE SHROPSHIRE PCN` → `SE Shropshire PCN`, `WACA PCN`. A name with lower-case letters is
/// already as its owner writes it and is left alone.
pub fn title_case(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    let words: Vec<&str> = name.split(' ').collect();
    let mut out = String::with_capacity(name.len());
    let mut in_brackets = false;
    for (index, word) in words.iter().enumerate() {
        if index > 0 {
            out.push(' ');
        }
        let opens = word.starts_with('(');
        if opens {
            in_brackets = true;
        }
        if in_brackets || keeps_capitals(word, index, &words) {
            out.push_str(word);
        } else if index > 0 && LOWER.contains(word) {
            out.push_str(&word.to_lowercase());
        } else {
            capitalise_into(word, &mut out);
        }
        if word.ends_with(')') {
            in_brackets = false;
        }
    }
    out
}

/// True for a word that reads as initials or an abbreviation rather than a word.
fn keeps_capitals(word: &str, index: usize, words: &[&str]) -> bool {
    if KEEP_UPPER.contains(&word) || word.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    let letters: String = word.chars().filter(char::is_ascii_alphabetic).collect();
    if letters.len() < 2 || SHORT_WORDS.contains(&letters.as_str()) {
        return false;
    }
    // `BNSSG`, `NW`, `SE`: no vowel, or two letters that are not a short word.
    if letters.len() == 2 || !letters.chars().any(|c| "AEIOUY".contains(c)) {
        return true;
    }
    // `WACA PCN`, `ABC PCN`: a short first word standing alone before PCN is the network's
    // abbreviation.
    index == 0 && words.len() == 2 && words[1] == "PCN" && letters.len() <= 4
}

fn capitalise_into(word: &str, out: &mut String) {
    let mut capital_next = true;
    let mut letters = 0;
    for ch in word.chars() {
        if capital_next {
            out.extend(ch.to_uppercase());
        } else {
            out.extend(ch.to_lowercase());
        }
        if ch.is_alphabetic() {
            letters += 1;
        }
        // `O'Neill`, `D'Arcy`: a capital after a one-letter prefix; `John's` keeps its `s`.
        capital_next = matches!(ch, '-' | '(' | '/' | '.' | '&') || (ch == '\'' && letters == 1);
    }
}

/// FTE with one decimal place (`23.4`), rounded half up from hundredths.
pub fn fte_one_decimal(fte: Fte) -> String {
    let tenths = (fte.hundredths() + 5) / 10;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// A staff figure of a group as people should read it: `unknown` where none of its practices
/// publishes one (not `0`), `23.4` where all do, `23.4 (2 practices unknown)` where some don't.
pub fn staff_figure(fte: Fte, practices: u32, practices_without: u32) -> String {
    if practices == 0 {
        "–".to_string()
    } else if practices_without >= practices {
        "unknown".to_string()
    } else if practices_without == 0 {
        fte_one_decimal(fte)
    } else {
        format!(
            "{} ({practices_without} practice{} unknown)",
            fte_one_decimal(fte),
            if practices_without == 1 { "" } else { "s" }
        )
    }
}

/// `1 practice`, `2 practices`: a count with its noun, singular for one.
pub fn count_of(count: u32, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// A name shortened to fit (`fits` says whether a text fits) keeping the words that tell it
/// apart from the `others` (the other hubs' names): the full name; then without a trailing
/// `PCN` (the column or card says what it is); then its leading words and its bracketed
/// abbreviation (`Angmering… (ACF)`); then as many leading words as fit, as long as they reach
/// the first word no other name shares at that place (`Cissbury…`, `Central Worthing…`); then
/// the first word and that distinguishing word (`Haywards… Central` beside `Haywards Heath
/// Villages`), and last that word after the first word cut short (`Hay… Central`). `None` when
/// nothing fits (the caller cuts the name).
pub fn shorten_to_fit<'a>(
    name: &str,
    others: impl IntoIterator<Item = &'a str>,
    fits: impl Fn(&str) -> bool,
) -> Option<String> {
    if fits(name) {
        return Some(name.to_string());
    }
    let bare = without_pcn(name);
    if bare != name && fits(bare) {
        return Some(bare.to_string());
    }
    let words: Vec<&str> = bare.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    // The first word that differs from every other name sharing the words before it.
    let shared = others
        .into_iter()
        .filter(|other| !other.eq_ignore_ascii_case(name))
        .map(|other| common_leading_words(&words, without_pcn(other)))
        .max()
        .unwrap_or(0)
        .min(words.len() - 1);
    let mut candidates: Vec<String> = Vec::new();
    if let Some(abbreviation) = words.iter().position(|word| word.starts_with('(')) {
        let tail = words[abbreviation..].join(" ");
        candidates.extend(
            (1..abbreviation)
                .rev()
                .map(|count| format!("{}… {tail}", words[..count].join(" "))),
        );
    }
    candidates.extend(
        (shared + 1..words.len())
            .rev()
            .map(|count| format!("{}…", words[..count].join(" "))),
    );
    candidates.extend(
        (1..shared)
            .rev()
            .map(|count| format!("{}… {}", words[..count].join(" "), words[shared])),
    );
    // Last, the first word cut short before the distinguishing word (`Hay… Villages`), so
    // that two hubs sharing their leading words never show the same text.
    if shared > 0 {
        let first: Vec<char> = words[0].chars().collect();
        candidates.extend((1..first.len()).rev().map(|keep| {
            format!(
                "{}… {}",
                first[..keep].iter().collect::<String>(),
                words[shared]
            )
        }));
    }
    candidates.into_iter().find(|candidate| fits(candidate))
}

fn without_pcn(name: &str) -> &str {
    name.strip_suffix(" PCN")
        .or_else(|| name.strip_suffix(" Pcn"))
        .unwrap_or(name)
        .trim_end()
}

/// How many leading words two names share (case aside).
fn common_leading_words(words: &[&str], other: &str) -> usize {
    words
        .iter()
        .zip(other.split_whitespace())
        .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn irish_names_and_possessives() {
        assert_eq!(
            title_case("DR O'NEILL, PATEL & PARTNERS"),
            "Dr O'Neill, Patel & Partners"
        );
        assert_eq!(title_case("ST JOHN'S SURGERY"), "St John's Surgery");
        assert_eq!(title_case("D'ARCY HOUSE"), "D'Arcy House");
    }

    #[test]
    fn shortened_names_keep_the_words_that_tell_hubs_apart() {
        let within = |limit: usize| move |text: &str| text.chars().count() <= limit;
        let hubs = [
            "Angmering Coppice Fitzalan (ACF) PCN",
            "Arun Integrated Care (AIC) PCN",
            "Cissbury Integrated Care PCN",
            "Central Worthing Practices PCN",
            "Haywards Heath Central PCN",
            "Haywards Heath Villages PCN",
            "Chichester Alliance of Medical Practices PCN",
        ];
        let short = |name: &str, limit: usize| shorten_to_fit(name, hubs, within(limit));
        let acf = hubs[0];
        assert_eq!(short(acf, 40).as_deref(), Some(acf));
        assert_eq!(
            short(acf, 32).as_deref(),
            Some("Angmering Coppice Fitzalan (ACF)")
        );
        assert_eq!(short(acf, 26).as_deref(), Some("Angmering Coppice… (ACF)"));
        assert_eq!(short(acf, 16).as_deref(), Some("Angmering… (ACF)"));
        assert_eq!(short(acf, 10).as_deref(), Some("Angmering…"));
        assert_eq!(short(acf, 6), None);
        // The first word already tells Cissbury apart.
        assert_eq!(
            short("Cissbury Integrated Care PCN", 20).as_deref(),
            Some("Cissbury Integrated…")
        );
        assert_eq!(
            short("Cissbury Integrated Care PCN", 12).as_deref(),
            Some("Cissbury…")
        );
        // Haywards Heath Central and Villages differ in their third word: it stays.
        assert_eq!(
            short("Haywards Heath Villages PCN", 22).as_deref(),
            Some("Haywards… Villages")
        );
        // Narrower still, the first word is cut, never the word that tells them apart.
        assert_eq!(
            short("Haywards Heath Villages PCN", 13).as_deref(),
            Some("Hay… Villages")
        );
        assert_eq!(
            short("Haywards Heath Central PCN", 13).as_deref(),
            Some("Hayw… Central")
        );
        assert_eq!(short("Haywards Heath Villages PCN", 8), None);
        assert_eq!(
            short("Chichester Alliance of Medical Practices PCN", 30).as_deref(),
            Some("Chichester Alliance of…")
        );
        assert_eq!(shorten_to_fit("Riverside", hubs, within(4)), None);
    }

    #[test]
    fn title_case_of_nhs_names() {
        assert_eq!(title_case("MEADOWS SURGERY"), "Meadows Surgery");
        assert_eq!(
            title_case("BURGESS HILL & VILLAGES PCN"),
            "Burgess Hill & Villages PCN"
        );
        assert_eq!(
            title_case("THE HEALTH CENTRE OF ST. JOHN"),
            "The Health Centre of St. John"
        );
        assert_eq!(title_case("ST JOHN'S-WOOD"), "St John's-Wood");
        assert_eq!(title_case("Already Mixed"), "Already Mixed");
    }

    #[test]
    fn acronyms_initials_and_brackets_stay_as_published() {
        assert_eq!(title_case("4PCN (BNSSG)"), "4PCN (BNSSG)");
        assert_eq!(title_case("SE SHROPSHIRE PCN"), "SE Shropshire PCN");
        assert_eq!(title_case("WACA PCN"), "WACA PCN");
        assert_eq!(title_case("ABC PCN"), "ABC PCN");
        assert_eq!(
            title_case("ARUN INTEGRATED CARE (AIC) PCN"),
            "Arun Integrated Care (AIC) PCN"
        );
        assert_eq!(title_case("DR A SMITH & PARTNERS"), "Dr A Smith & Partners");
        assert_eq!(title_case("NW SURREY PCN"), "NW Surrey PCN");
        assert_eq!(title_case("ST ANN'S PCN"), "St Ann's PCN");
        assert_eq!(title_case("HORSHAM CENTRAL PCN"), "Horsham Central PCN");
    }

    #[test]
    fn staff_figures_say_unknown_rather_than_zero() {
        assert_eq!(fte_one_decimal(Fte(2_345)), "23.5");
        assert_eq!(fte_one_decimal(Fte(2_344)), "23.4");
        assert_eq!(fte_one_decimal(Fte(0)), "0.0");
        assert_eq!(staff_figure(Fte(0), 3, 3), "unknown");
        assert_eq!(staff_figure(Fte(1_210), 3, 0), "12.1");
        assert_eq!(staff_figure(Fte(1_210), 3, 1), "12.1 (1 practice unknown)");
        assert_eq!(staff_figure(Fte(0), 0, 0), "–");
    }
}
