//! Land outlines for the map: read from GeoJSON (polygons of longitude, latitude) and cut into
//! triangles once, so that the screen only has to move points, never to triangulate.
//!
//! Pure: the caller hands over the text (the app bundles `assets/geo/coast-map.geojson`).

use serde::Deserialize;

/// Why a land outline file was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CoastError {
    #[error("{file}: not GeoJSON land outlines: {reason}")]
    Format { file: String, reason: String },
}

/// One closed piece of land (an island or a country's main outline), without holes.
#[derive(Debug, Clone, PartialEq)]
pub struct LandRing {
    /// The country or territory it belongs to (GeoJSON `properties.name`).
    pub name: String,
    /// `[longitude, latitude]` in degrees, counter-clockwise, first point not repeated.
    pub points: Vec<[f64; 2]>,
    /// Triangles as indices into `points`, three per triangle, together covering the ring.
    pub triangles: Vec<u32>,
    /// Smallest and largest `[longitude, latitude]`.
    pub bounds: ([f64; 2], [f64; 2]),
}

/// Every piece of land in a file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coast {
    pub rings: Vec<LandRing>,
}

#[derive(Deserialize)]
struct FeatureCollection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    #[serde(default)]
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize, Default)]
struct Properties {
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon {
        coordinates: Vec<Vec<Vec<f64>>>,
    },
    MultiPolygon {
        coordinates: Vec<Vec<Vec<Vec<f64>>>>,
    },
}

impl Coast {
    /// Reads a GeoJSON feature collection of polygons and multipolygons. Only outer rings are
    /// kept (holes are lakes, too small for this map); rings of fewer than three points are
    /// skipped.
    pub fn from_geojson(file: &str, text: &str) -> Result<Self, CoastError> {
        let collection: FeatureCollection =
            serde_json::from_str(text).map_err(|error| CoastError::Format {
                file: file.to_string(),
                reason: format!("line {}: {error}", error.line()),
            })?;
        let mut rings = Vec::new();
        for feature in collection.features {
            let polygons = match feature.geometry {
                Geometry::Polygon { coordinates } => vec![coordinates],
                Geometry::MultiPolygon { coordinates } => coordinates,
            };
            for polygon in polygons {
                let Some(outer) = polygon.first() else {
                    continue;
                };
                let points: Vec<[f64; 2]> = outer
                    .iter()
                    .filter(|p| p.len() >= 2 && p[0].is_finite() && p[1].is_finite())
                    .map(|p| [p[0], p[1]])
                    .collect();
                if let Some(ring) = LandRing::new(feature.properties.name.clone(), points) {
                    rings.push(ring);
                }
            }
        }
        Ok(Self { rings })
    }

    /// Number of outline points in all rings.
    pub fn point_count(&self) -> usize {
        self.rings.iter().map(|r| r.points.len()).sum()
    }
}

impl LandRing {
    /// A ring from its points (closed or not); `None` if fewer than three distinct points.
    pub fn new(name: String, mut points: Vec<[f64; 2]>) -> Option<Self> {
        points.dedup();
        if points.len() > 1 && points.first() == points.last() {
            points.pop();
        }
        if points.len() < 3 {
            return None;
        }
        if signed_area(&points) < 0.0 {
            points.reverse();
        }
        let triangles = triangulate(&points);
        let bounds = points
            .iter()
            .fold(([f64::MAX; 2], [f64::MIN; 2]), |(min, max), p| {
                (
                    [min[0].min(p[0]), min[1].min(p[1])],
                    [max[0].max(p[0]), max[1].max(p[1])],
                )
            });
        Some(Self {
            name,
            points,
            triangles,
            bounds,
        })
    }
}

/// Twice the area enclosed, positive when counter-clockwise.
fn signed_area(points: &[[f64; 2]]) -> f64 {
    let mut previous = points[points.len() - 1];
    let mut sum = 0.0;
    for &point in points {
        sum += previous[0] * point[1] - point[0] * previous[1];
        previous = point;
    }
    sum
}

fn cross(o: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
}

fn in_triangle(p: [f64; 2], a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> bool {
    cross(a, b, p) >= 0.0 && cross(b, c, p) >= 0.0 && cross(c, a, p) >= 0.0
}

/// Ear clipping of a counter-clockwise simple polygon: `n - 2` triangles. A ring that is not quite
/// simple (an outline touching itself after simplification) still ends: when no ear is found in
/// a whole turn, the next corner is cut anyway.
pub fn triangulate(points: &[[f64; 2]]) -> Vec<u32> {
    let n = points.len();
    let mut next: Vec<usize> = (1..=n).map(|i| i % n).collect();
    let mut prev: Vec<usize> = (0..n).map(|i| (i + n - 1) % n).collect();
    let mut triangles = Vec::with_capacity(3 * n.saturating_sub(2));
    let mut remaining = n;
    let mut corner = 0;
    let mut tried = 0;
    while remaining > 3 {
        let (p, c, q) = (prev[corner], corner, next[corner]);
        let forced = tried > remaining;
        if forced || is_ear(points, &next, p, c, q) {
            triangles.extend([p as u32, c as u32, q as u32]);
            next[p] = q;
            prev[q] = p;
            remaining -= 1;
            tried = 0;
            corner = q;
        } else {
            tried += 1;
            corner = q;
        }
    }
    if remaining == 3 {
        triangles.extend([prev[corner] as u32, corner as u32, next[corner] as u32]);
    }
    triangles
}

fn is_ear(points: &[[f64; 2]], next: &[usize], p: usize, c: usize, q: usize) -> bool {
    let (a, b, d) = (points[p], points[c], points[q]);
    if cross(a, b, d) <= 0.0 {
        return false;
    }
    let (min_x, max_x) = (a[0].min(b[0]).min(d[0]), a[0].max(b[0]).max(d[0]));
    let (min_y, max_y) = (a[1].min(b[1]).min(d[1]), a[1].max(b[1]).max(d[1]));
    let mut other = next[q];
    while other != p {
        let point = points[other];
        if point[0] >= min_x
            && point[0] <= max_x
            && point[1] >= min_y
            && point[1] <= max_y
            && point != a
            && point != b
            && point != d
            && in_triangle(point, a, b, d)
        {
            return false;
        }
        other = next[other];
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area_of_triangles(points: &[[f64; 2]], triangles: &[u32]) -> f64 {
        triangles
            .chunks(3)
            .map(|t| {
                cross(
                    points[t[0] as usize],
                    points[t[1] as usize],
                    points[t[2] as usize],
                ) / 2.0
            })
            .sum()
    }

    #[test]
    fn an_l_shape_is_cut_into_four_triangles_of_its_area() {
        // An L of three unit squares, given clockwise: it is turned counter-clockwise.
        let l = vec![
            [0.0, 0.0],
            [0.0, 2.0],
            [1.0, 2.0],
            [1.0, 1.0],
            [2.0, 1.0],
            [2.0, 0.0],
            [0.0, 0.0],
        ];
        let ring = LandRing::new("L".into(), l).expect("a ring");
        assert_eq!(ring.points.len(), 6, "the closing point is dropped");
        assert_eq!(ring.triangles.len(), 4 * 3);
        assert!((area_of_triangles(&ring.points, &ring.triangles) - 3.0).abs() < 1e-12);
        // No triangle covers the missing square's centre (1.5, 1.5).
        assert!(ring.triangles.chunks(3).all(|t| !in_triangle(
            [1.5, 1.5],
            ring.points[t[0] as usize],
            ring.points[t[1] as usize],
            ring.points[t[2] as usize]
        )));
        assert_eq!(ring.bounds, ([0.0, 0.0], [2.0, 2.0]));
    }

    #[test]
    fn features_polygons_and_multipolygons_are_read_and_holes_left_out() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"name":"A"},"geometry":{"type":"Polygon",
             "coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]}},
            {"type":"Feature","properties":{"name":"B"},"geometry":{"type":"MultiPolygon",
             "coordinates":[[[[10,0],[11,0],[10,1],[10,0]]],[[[20,0],[20,0]]]]}}]}"#;
        let coast = Coast::from_geojson("t.geojson", text).expect("reads");
        assert_eq!(coast.rings.len(), 2, "the two-point ring is skipped");
        assert_eq!(coast.rings[0].name, "A");
        assert_eq!(coast.rings[0].points.len(), 4, "only the outer ring");
        assert!(
            (area_of_triangles(&coast.rings[0].points, &coast.rings[0].triangles) - 16.0).abs()
                < 1e-12
        );
        assert_eq!(coast.rings[1].name, "B");
        assert_eq!(coast.point_count(), 7);
    }

    #[test]
    fn a_broken_file_is_refused_with_its_name_and_line() {
        let error =
            Coast::from_geojson("coast.geojson", "{\"features\": [\n{]}").expect_err("refused");
        let message = error.to_string();
        assert!(message.starts_with("coast.geojson:"), "{message}");
        assert!(message.contains("line 2"), "{message}");
    }

    #[test]
    fn the_bundled_outline_covers_great_britain() {
        let text = include_str!("../../assets/geo/coast-map.geojson");
        let coast = Coast::from_geojson("coast-map.geojson", text).expect("the asset reads");
        // Every ring is fully triangulated: n - 2 triangles whose area is the ring's.
        for ring in &coast.rings {
            assert_eq!(
                ring.triangles.len(),
                3 * (ring.points.len() - 2),
                "{}",
                ring.name
            );
            let area = signed_area(&ring.points) / 2.0;
            let covered = area_of_triangles(&ring.points, &ring.triangles);
            assert!(
                (covered - area).abs() < area * 1e-6,
                "{}: {covered} vs {area}",
                ring.name
            );
        }
        // London (51.51 N, 0.13 W) is inside a United Kingdom triangle; the North Sea is not.
        let covers = |point: [f64; 2]| {
            coast.rings.iter().any(|ring| {
                ring.triangles.chunks(3).any(|t| {
                    in_triangle(
                        point,
                        ring.points[t[0] as usize],
                        ring.points[t[1] as usize],
                        ring.points[t[2] as usize],
                    )
                })
            })
        };
        assert!(covers([-0.13, 51.51]));
        assert!(covers([-3.19, 55.95]), "Edinburgh");
        assert!(!covers([3.0, 55.0]), "the North Sea");
        assert!(
            coast.point_count() < 6_000,
            "simplified: {}",
            coast.point_count()
        );
    }
}
