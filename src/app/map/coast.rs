//! The bundled land outline (`assets/geo/coast-map.geojson`), read and triangulated once, the
//! first time a map is drawn.

use crate::model::coast::Coast;
use std::sync::OnceLock;

const FILE: &str = "assets/geo/coast-map.geojson";
const TEXT: &str = include_str!("../../../assets/geo/coast-map.geojson");

/// The land under the practices. A bundled file that failed to read would leave the map without
/// land, not the window without a map (a model test reads the same file).
pub fn coast() -> &'static Coast {
    static COAST: OnceLock<Coast> = OnceLock::new();
    COAST.get_or_init(|| match Coast::from_geojson(FILE, TEXT) {
        Ok(coast) => coast,
        Err(error) => {
            eprintln!("{error}");
            Coast::default()
        }
    })
}
