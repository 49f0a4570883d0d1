//! Codes in a scenario file as the readers of practice data give them: trimmed and upper-case
//! (ODS practice codes, PCN and hub codes, sub-ICB codes), so that `h82003` and `H82003` are one
//! practice and a duplicate is reported as a duplicate.

use super::scenario_dto::{HubDto, ScenarioDto};
use super::scenario_pairs::PairList;
use crate::model::text::normalise_code;

/// Normalises every code of a parsed file in place.
pub(super) fn normalise_codes(dto: &mut ScenarioDto) {
    normalise(&mut dto.region.code);
    for (code, _) in &mut dto.baseline_hubs.0 {
        normalise(code);
    }
    for practice in &mut dto.practices {
        normalise(&mut practice.code);
        normalise(&mut practice.sub_icb);
        if let Some(hub) = &mut practice.baseline_hub {
            normalise(hub);
        }
    }
    normalise_hubs(&mut dto.hubs);
    normalise_pairs(&mut dto.assignments, true);
    normalise_pairs(&mut dto.reasons, false);
    normalise_pairs(&mut dto.pay_areas, false);
    for code in dto
        .locked_practices
        .iter_mut()
        .chain(dto.locked_hubs.iter_mut())
        .chain(dto.groups.iter_mut().flatten())
    {
        normalise(code);
    }
    for band in &mut dto.hub_bands {
        normalise(&mut band.hub);
    }
    for row in &mut dto.staff {
        for code in [&mut row.hub, &mut row.practice].into_iter().flatten() {
            normalise(code);
        }
    }
    for snapshot in &mut dto.snapshots {
        normalise_hubs(&mut snapshot.hubs);
        normalise_pairs(&mut snapshot.assignments, true);
        normalise_pairs(&mut snapshot.reasons, false);
    }
}

fn normalise(code: &mut String) {
    if let std::borrow::Cow::Owned(normal) = normalise_code(code) {
        *code = normal;
    }
}

fn normalise_hubs(hubs: &mut [HubDto]) {
    for hub in hubs {
        normalise(&mut hub.code);
    }
}

/// `(practice, hub)` pairs normalise both sides; `(practice, reason)` pairs the practice only.
fn normalise_pairs(pairs: &mut PairList, both: bool) {
    for (practice, value) in &mut pairs.0 {
        normalise(practice);
        if both {
            normalise(value);
        }
    }
}
