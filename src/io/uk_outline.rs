//! The United Kingdom's land outline (bundled, see `assets/geo/README.md`) and the import check
//! that names practices whose coordinates lie off it: a warning, not a refusal.

use crate::model::Region;
use crate::model::geo::Outline;
use std::sync::OnceLock;

/// Practices further than this off the outline are named. At the outline's scale, 46 real
/// coastal practices sit up to 1.7 km off it.
pub const OFF_COAST_TOLERANCE_KM: f64 = 5.0;
/// Codes a warning names before it says how many more there are.
const CODES_SHOWN: usize = 10;

const UK_OUTLINE_GEOJSON: &str = include_str!("../../assets/geo/uk-outline.geojson");

/// The bundled outline (parsed once).
pub fn uk_outline() -> &'static Outline {
    static OUTLINE: OnceLock<Outline> = OnceLock::new();
    OUTLINE.get_or_init(|| outline_from_geojson(UK_OUTLINE_GEOJSON))
}

/// Every ring of every (Multi)Polygon of a GeoJSON FeatureCollection; empty if it does not read.
pub fn outline_from_geojson(text: &str) -> Outline {
    let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else {
        return Outline::default();
    };
    let mut rings = Vec::new();
    let features = json["features"].as_array().cloned().unwrap_or_default();
    for feature in &features {
        let geometry = &feature["geometry"];
        let polygons = match geometry["type"].as_str() {
            Some("Polygon") => vec![geometry["coordinates"].clone()],
            Some("MultiPolygon") => geometry["coordinates"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        for polygon in polygons {
            for ring in polygon.as_array().into_iter().flatten() {
                let points = ring
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|point| Some([point[0].as_f64()?, point[1].as_f64()?]))
                    .collect();
                rings.push(points);
            }
        }
    }
    Outline::new(rings)
}

/// The codes of located practices more than [`OFF_COAST_TOLERANCE_KM`] off the outline.
pub fn practices_off_the_coast(region: &Region, outline: &Outline) -> Vec<String> {
    if outline.is_empty() {
        return Vec::new();
    }
    region
        .practices()
        .iter()
        .filter(|practice| {
            practice
                .location
                .is_some_and(|at| outline.distance_km(at) > OFF_COAST_TOLERANCE_KM)
        })
        .map(|practice| practice.code.clone())
        .collect()
}

/// One warning naming the practices off the UK's land, if any.
pub fn off_coast_warning(file: &str, region: &Region) -> Option<String> {
    let codes = practices_off_the_coast(region, uk_outline());
    if codes.is_empty() {
        return None;
    }
    let shown = codes
        .iter()
        .take(CODES_SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let more = codes.len().saturating_sub(CODES_SHOWN);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    let count = match codes.len() {
        1 => "1 practice lies".to_string(),
        n => format!("{n} practices lie"),
    };
    Some(format!(
        "{file}: {count} more than {OFF_COAST_TOLERANCE_KM:.0} km off the United Kingdom's land \
         (check the coordinates): {shown}{more}"
    ))
}
