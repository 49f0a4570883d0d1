//! Hub colours as plain RGB, shared by the screen and every export (the app theme builds its
//! colours from these).
//!
//! 24 colours, so that a region of up to 24 hubs (a sub-ICB area has 5 to 25) gives every hub
//! its own colour: Okabe–Ito (without black), Paul Tol's "muted" set with its darkest shades
//! lifted to read on a dark map, and a few from ColorBrewer's "Set1" and "Dark2". Any two differ
//! by at least 14 ΔE (CIE76), and every colour stands at least 3:1 against black. A hub's name is
//! always written beside its colour, so colour is never the only cue.

/// One colour: red, green, blue.
pub type Rgb = [u8; 3];

/// The hub palette, in the order baseline hubs receive it.
pub const HUB_PALETTE: [Rgb; 24] = [
    [0xE6, 0x9F, 0x00], // orange
    [0x56, 0xB4, 0xE9], // sky blue
    [0x00, 0x9E, 0x73], // bluish green
    [0xF0, 0xE4, 0x42], // yellow
    [0x00, 0x72, 0xB2], // blue
    [0xD5, 0x5E, 0x00], // vermillion
    [0xCC, 0x79, 0xA7], // reddish purple
    [0x7B, 0x6F, 0xD6], // indigo, lifted
    [0x88, 0xCC, 0xEE], // cyan
    [0x44, 0xAA, 0x99], // teal
    [0x2E, 0x8B, 0x3E], // green, lifted
    [0x99, 0x99, 0x33], // olive
    [0xDD, 0xCC, 0x77], // sand
    [0xCC, 0x66, 0x77], // rose
    [0xAA, 0x44, 0x99], // purple
    [0xA2, 0x3A, 0x6E], // wine, lifted
    [0xEE, 0x33, 0x77], // magenta
    [0xA0, 0x70, 0x4F], // brown
    [0xBB, 0xCC, 0x33], // pear
    [0xEE, 0x88, 0x66], // salmon
    [0xE3, 0x1A, 0x1C], // red
    [0xFF, 0xAA, 0xBB], // pink
    [0x66, 0xA6, 0x1E], // grass
    [0xC2, 0xA5, 0xCF], // lavender
];

/// Number of hub colours (for `Scenario::least_used_colour`).
pub const HUB_PALETTE_LEN: u16 = HUB_PALETTE.len() as u16;

/// Unassigned practices: a neutral grey no hub has.
pub const UNASSIGNED: Rgb = [0x88, 0x88, 0x88];

/// The colour of palette entry `index` (wrapping past the end).
pub fn hub_rgb(index: u16) -> Rgb {
    HUB_PALETTE[usize::from(index) % HUB_PALETTE.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linear(channel: u8) -> f64 {
        let c = f64::from(channel) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// CIE L*a*b* (D65) and the relative luminance.
    fn lab(rgb: Rgb) -> ([f64; 3], f64) {
        let [r, g, b] = rgb.map(linear);
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        (
            [
                116.0 * f(y) - 16.0,
                500.0 * (f(x) - f(y)),
                200.0 * (f(y) - f(z)),
            ],
            y,
        )
    }

    #[test]
    fn every_pair_of_hub_colours_is_told_apart() {
        for (i, a) in HUB_PALETTE.iter().enumerate() {
            for b in &HUB_PALETTE[i + 1..] {
                let (la, lb) = (lab(*a).0, lab(*b).0);
                let distance = (0..3).map(|k| (la[k] - lb[k]).powi(2)).sum::<f64>().sqrt();
                assert!(distance >= 14.0, "{a:?} and {b:?}: ΔE {distance:.1}");
            }
            let unassigned = lab(UNASSIGNED).0;
            let to_grey = (0..3)
                .map(|k| (lab(*a).0[k] - unassigned[k]).powi(2))
                .sum::<f64>();
            assert!(to_grey.sqrt() >= 20.0, "{a:?} looks like unassigned grey");
        }
    }

    #[test]
    fn every_hub_colour_reads_on_a_dark_map() {
        for colour in HUB_PALETTE {
            let contrast = (lab(colour).1 + 0.05) / 0.05;
            assert!(contrast >= 3.0, "{colour:?}: {contrast:.1}:1 against black");
        }
    }

    #[test]
    fn twenty_hubs_get_twenty_colours_and_the_palette_wraps() {
        let colours: std::collections::BTreeSet<Rgb> = (0..20).map(hub_rgb).collect();
        assert_eq!(colours.len(), 20);
        assert_eq!(hub_rgb(24), hub_rgb(0));
        assert_eq!(hub_rgb(HUB_PALETTE_LEN + 5), HUB_PALETTE[5]);
    }
}
