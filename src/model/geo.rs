//! Distances and outlines on the Earth's surface (small areas: England at most).

use super::practice::LatLon;

const EARTH_RADIUS_KM: f64 = 6_371.0;

/// Great-circle distance in kilometres (haversine).
pub fn distance_km(a: LatLon, b: LatLon) -> f64 {
    km_of(haversine(
        a,
        b,
        a.lat.to_radians().cos(),
        b.lat.to_radians().cos(),
    ))
}

/// The haversine of the angle between `a` and `b` (`cos_a`, `cos_b`: the cosines of their
/// latitudes).
fn haversine(a: LatLon, b: LatLon, cos_a: f64, cos_b: f64) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let d_lat = lat2 - lat1;
    let d_lon = (b.lon - a.lon).to_radians();
    (d_lat / 2.0).sin().powi(2) + cos_a * cos_b * (d_lon / 2.0).sin().powi(2)
}

/// Kilometres of a haversine (growing with it).
fn km_of(h: f64) -> f64 {
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// The largest [`distance_km`] from `centre` to any of `points` (each with the cosine of its
/// latitude; 0 when there are none), exactly as the largest of them: the distance grows with
/// the haversine, so only the largest haversine is turned into km.
pub fn farthest_km(centre: LatLon, points: impl IntoIterator<Item = (LatLon, f64)>) -> f64 {
    let cos_centre = centre.lat.to_radians().cos();
    km_of(
        points
            .into_iter()
            .map(|(point, cos)| haversine(centre, point, cos_centre, cos))
            .fold(0.0, f64::max),
    )
}

/// Exactly [`farthest_km`] (to the last bit), but with the trigonometry only for the points
/// nearly as far as the farthest by the straight line ([`unit_vector`]: its square grows with
/// the haversine, and its rounding is far inside the margin kept). `points` gives each point
/// with the cosine of its latitude and its unit vector, and may be called twice.
pub fn farthest_km_of<I>(centre: LatLon, points: impl Fn() -> I) -> f64
where
    I: Iterator<Item = (LatLon, f64, [f64; 3])>,
{
    let middle = unit_vector(centre);
    let squared = |v: [f64; 3]| {
        let (x, y, z) = (v[0] - middle[0], v[1] - middle[1], v[2] - middle[2]);
        x * x + y * y + z * z
    };
    let most = points().map(|(_, _, v)| squared(v)).fold(0.0, f64::max);
    let near_most = most * (1.0 - 1e-6) - 1e-20;
    farthest_km(
        centre,
        points()
            .filter(|(_, _, v)| squared(*v) >= near_most)
            .map(|(point, cos, _)| (point, cos)),
    )
}

/// Whether `b` is at most `km` from `a` (as [`distance_km`] says); points further apart in
/// latitude alone are told apart without the trigonometry (a great circle is never shorter
/// than the difference in latitude).
pub fn within_km(a: LatLon, b: LatLon, km: f64) -> bool {
    let north_south = (a.lat - b.lat).abs().to_radians() * EARTH_RADIUS_KM;
    if north_south > km * (1.0 + 1e-9) + 1e-9 {
        return false;
    }
    distance_km(a, b) <= km
}

/// A point as a vector of length 1 from the Earth's centre, for distance tests without
/// trigonometry at each step ([`further_than_km`]).
pub fn unit_vector(point: LatLon) -> [f64; 3] {
    let (lat, lon) = (point.lat.to_radians(), point.lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// The squared straight-line distance between two points of the unit sphere that lie `km`
/// apart along the Earth's surface (for [`further_than_km`]).
pub fn squared_chord_of_km(km: f64) -> f64 {
    let half = (km / (2.0 * EARTH_RADIUS_KM)).min(std::f64::consts::FRAC_PI_2);
    4.0 * half.sin().powi(2)
}

/// Whether unit vectors `a` and `b` ([`unit_vector`]) lie further apart than the distance
/// whose [`squared_chord_of_km`] is `squared_chord`: the straight line grows with the great
/// circle (its square is four times the haversine), so no trigonometry is needed. It agrees
/// with [`distance_km`] except within about 1e-9 km of the limit (rounding).
pub fn further_than_km(a: [f64; 3], b: [f64; 3], squared_chord: f64) -> bool {
    let (x, y, z) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    x * x + y * y + z * z > squared_chord
}

/// Convex hull (Andrew's monotone chain) of points given as `[x, y]`, counter-clockwise, without
/// repeating the first point. Fewer than three distinct points are returned as they are.
pub fn convex_hull(points: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let mut sorted: Vec<[f64; 2]> = points
        .iter()
        .copied()
        .filter(|p| p[0].is_finite() && p[1].is_finite())
        .collect();
    sorted.sort_by(|a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
    sorted.dedup();
    if sorted.len() < 3 {
        return sorted;
    }
    let cross = |o: [f64; 2], a: [f64; 2], b: [f64; 2]| {
        (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
    };
    let mut hull: Vec<[f64; 2]> = Vec::with_capacity(sorted.len() * 2);
    for pass in 0..2 {
        let start = hull.len();
        let iter: Box<dyn Iterator<Item = &[f64; 2]>> = if pass == 0 {
            Box::new(sorted.iter())
        } else {
            Box::new(sorted.iter().rev())
        };
        for &point in iter {
            while hull.len() >= start + 2
                && cross(hull[hull.len() - 2], hull[hull.len() - 1], point) <= 0.0
            {
                hull.pop();
            }
            hull.push(point);
        }
        hull.pop();
    }
    hull
}

/// Whether a point lies inside (or on) a convex polygon given counter-clockwise.
pub fn convex_contains(hull: &[[f64; 2]], point: [f64; 2]) -> bool {
    if hull.len() < 3 {
        return false;
    }
    (0..hull.len()).all(|i| {
        let a = hull[i];
        let b = hull[(i + 1) % hull.len()];
        (b[0] - a[0]) * (point[1] - a[1]) - (b[1] - a[1]) * (point[0] - a[0]) >= 0.0
    })
}

/// Kilometres per degree of latitude (and of longitude at the equator).
const KM_PER_DEGREE: f64 = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0;

/// A land outline (e.g. the United Kingdom's coast) as rings of `[lon, lat]` points, read with
/// the even-odd rule, so a lake or hole is a ring inside a ring. Used to check coordinates on
/// import; the map may draw it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outline {
    rings: Vec<Ring>,
}

#[derive(Debug, Clone, PartialEq)]
struct Ring {
    points: Vec<[f64; 2]>,
    /// Bounding box `[min lon, min lat, max lon, max lat]`.
    bounds: [f64; 4],
}

impl Outline {
    /// An outline from rings of `[lon, lat]` points (closed or not); rings of fewer than three
    /// finite points are left out.
    pub fn new(rings: Vec<Vec<[f64; 2]>>) -> Self {
        let rings = rings
            .into_iter()
            .map(|points| {
                points
                    .into_iter()
                    .filter(|p| p[0].is_finite() && p[1].is_finite())
                    .collect::<Vec<_>>()
            })
            .filter(|points| points.len() >= 3)
            .map(|points| {
                let mut bounds = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
                for p in &points {
                    bounds = [
                        bounds[0].min(p[0]),
                        bounds[1].min(p[1]),
                        bounds[2].max(p[0]),
                        bounds[3].max(p[1]),
                    ];
                }
                Ring { points, bounds }
            })
            .collect();
        Self { rings }
    }

    /// The rings, as given (for drawing).
    pub fn rings(&self) -> impl Iterator<Item = &[[f64; 2]]> {
        self.rings.iter().map(|ring| ring.points.as_slice())
    }

    pub fn is_empty(&self) -> bool {
        self.rings.is_empty()
    }

    /// Whether a point is on land (inside an odd number of rings).
    pub fn contains(&self, point: LatLon) -> bool {
        let (x, y) = (point.lon, point.lat);
        let mut inside = false;
        for ring in &self.rings {
            let [min_x, min_y, max_x, max_y] = ring.bounds;
            if x < min_x || x > max_x || y < min_y || y > max_y {
                continue;
            }
            let points = &ring.points;
            let mut previous = points[points.len() - 1];
            for &current in points {
                if (current[1] > y) != (previous[1] > y) {
                    let cross_x = previous[0]
                        + (y - previous[1]) * (current[0] - previous[0])
                            / (current[1] - previous[1]);
                    if x < cross_x {
                        inside = !inside;
                    }
                }
                previous = current;
            }
        }
        inside
    }

    /// How far a point is from land, in kilometres: 0 on land, else the distance to the nearest
    /// edge of the outline (flat-earth approximation around the point: good to well under 1 %
    /// over the tens of kilometres that matter here). Infinite for an empty outline.
    pub fn distance_km(&self, point: LatLon) -> f64 {
        if self.contains(point) {
            return 0.0;
        }
        let km_per_lon = KM_PER_DEGREE * point.lat.to_radians().cos();
        let to_km = |p: [f64; 2]| {
            [
                (p[0] - point.lon) * km_per_lon,
                (p[1] - point.lat) * KM_PER_DEGREE,
            ]
        };
        let mut best = f64::INFINITY;
        for ring in &self.rings {
            let [min_x, min_y, max_x, max_y] = ring.bounds;
            let dx = (min_x - point.lon).max(point.lon - max_x).max(0.0) * km_per_lon;
            let dy = (min_y - point.lat).max(point.lat - max_y).max(0.0) * KM_PER_DEGREE;
            if dx.hypot(dy) >= best {
                continue;
            }
            let points = &ring.points;
            let mut previous = to_km(points[points.len() - 1]);
            for &current in points {
                let current = to_km(current);
                best = best.min(distance_to_segment(previous, current));
                previous = current;
            }
        }
        best
    }
}

/// Distance from the origin to the segment `a`–`b`.
fn distance_to_segment(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let length_squared = dx * dx + dy * dy;
    let t = if length_squared == 0.0 {
        0.0
    } else {
        (-(a[0] * dx + a[1] * dy) / length_squared).clamp(0.0, 1.0)
    };
    (a[0] + t * dx).hypot(a[1] + t * dy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn england() -> impl Strategy<Value = LatLon> {
        (49.9f64..55.9, -6.4f64..1.8).prop_map(|(lat, lon)| LatLon { lat, lon })
    }

    proptest! {
        /// The quick forms give exactly what `distance_km` does (the spread limit compares a
        /// hub's spread after a change with its spread today, to the last bit).
        #[test]
        fn the_farthest_and_within_are_exactly_as_distance_says(
            centre in england(),
            points in prop::collection::vec(england(), 0..8),
            km in 0.0f64..200.0,
        ) {
            let farthest = points.iter().map(|p| distance_km(centre, *p)).fold(0.0, f64::max);
            let with_cos = points.iter().map(|p| (*p, p.lat.to_radians().cos()));
            prop_assert_eq!(farthest_km(centre, with_cos).to_bits(), farthest.to_bits());
            let with_vectors =
                || points.iter().map(|p| (*p, p.lat.to_radians().cos(), unit_vector(*p)));
            prop_assert_eq!(farthest_km_of(centre, with_vectors).to_bits(), farthest.to_bits());
            for point in &points {
                prop_assert_eq!(within_km(centre, *point, km), distance_km(centre, *point) <= km);
                let exact = distance_km(centre, *point);
                prop_assert!(within_km(centre, *point, exact));
            }
        }
    }

    proptest! {
        /// The test without trigonometry says what `distance_km` says, but within a hair of
        /// the limit.
        #[test]
        fn further_than_agrees_with_distance(a in england(), b in england(), km in 0.0f64..300.0) {
            let exact = distance_km(a, b);
            let further = further_than_km(unit_vector(a), unit_vector(b), squared_chord_of_km(km));
            if (exact - km).abs() > 1e-9 {
                prop_assert_eq!(further, exact > km, "{} km against {}", exact, km);
            }
        }
    }

    #[test]
    fn one_degree_of_latitude_is_about_111_km() {
        let d = distance_km(
            LatLon {
                lat: 50.0,
                lon: 0.0,
            },
            LatLon {
                lat: 51.0,
                lon: 0.0,
            },
        );
        assert!((d - 111.19).abs() < 0.01, "{d}");
    }

    #[test]
    fn an_outline_contains_its_inside_and_measures_the_way_to_it() {
        // A 1° square with a hole in its middle.
        let outline = Outline::new(vec![
            vec![[0.0, 50.0], [1.0, 50.0], [1.0, 51.0], [0.0, 51.0]],
            vec![[0.4, 50.4], [0.6, 50.4], [0.6, 50.6], [0.4, 50.6]],
        ]);
        let at = |lon, lat| LatLon { lat, lon };
        assert!(outline.contains(at(0.2, 50.2)));
        assert!(!outline.contains(at(0.5, 50.5)), "in the hole");
        assert!(!outline.contains(at(1.5, 50.5)));
        assert_eq!(outline.distance_km(at(0.2, 50.2)), 0.0);
        // 0.1° of latitude south of the square: 11.12 km.
        let south = outline.distance_km(at(0.5, 49.9));
        assert!((south - 11.12).abs() < 0.01, "{south}");
        // 0.1° of longitude east at 50.5°N: 11.12 km × cos(50.5°) = 7.07 km.
        let east = outline.distance_km(at(1.1, 50.5));
        assert!((east - 7.07).abs() < 0.01, "{east}");
        assert!(Outline::default().distance_km(at(0.0, 50.0)).is_infinite());
    }

    #[test]
    fn hull_of_square_with_centre() {
        let hull = convex_hull(&[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.5, 0.5]]);
        assert_eq!(hull, vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]);
        assert!(convex_contains(&hull, [0.5, 0.5]));
        assert!(!convex_contains(&hull, [1.5, 0.5]));
    }
}
