//! Codes of appeals, intents, demands, rejections and threats from what they are about:
//! "urged X to cease fire" is an appeal for de-escalation (0256), "refused to meet" a
//! rejection of talks (125), "threatened to invade" a threat of occupation (1382).

use crate::Modality;

/// The code of an event of `family` ("02", "03", "10", "12", "13") whose complement codes as
/// `inner`; `None` when the family gives no specific reading. A returned modality overrides the
/// group's ("plans to attack": the attack itself, intended).
pub fn family_code(family: &str, inner: &str) -> Option<(String, Option<Modality>)> {
    // "urged X to agree to a ceasefire": the appeal is about the act agreed to.
    let act = if family != "03" {
        intended_act(inner)
    } else {
        None
    };
    let inner = act.unwrap_or(inner);
    let root = inner.get(..2)?;
    let base = inner.get(..3).unwrap_or(inner);
    let code = |c: &str| Some((c.to_string(), None));
    match family {
        "02" => match (root, base, inner) {
            (_, "045" | "039", _) => code("028"),
            ("04", ..) => code("026"),
            (_, "037", _) => code("027"),
            ("05", ..) | ("03", ..) => code("022"),
            (_, "061", _) => code("0211"),
            (_, "062", _) => code("0212"),
            ("06", ..) => code("021"),
            (_, "071", _) => code("0231"),
            (_, "072", _) => code("0232"),
            (_, "073", _) => code("0233"),
            (_, "074", _) => code("0234"),
            ("07", ..) => code("023"),
            (_, "081", _) => code("0251"),
            (_, "084", _) => code("0253"),
            (_, "085", _) => code("0254"),
            (_, "086", _) => code("0255"),
            (_, "087", _) => code("0256"),
            ("08", ..) => code("025"),
            _ => None,
        },
        "03" => match (root, base, inner) {
            (_, "045", _) => code("039"),
            (_, "038", _) => code("038"),
            ("04", ..) => code("036"),
            (_, "037", _) => code("037"),
            (_, "057", _) => code("030"),
            ("05", ..) => code("032"),
            (_, "061", _) => code("0311"),
            (_, "062", _) => code("0312"),
            ("06", ..) => code("031"),
            (_, "071", _) => code("0331"),
            (_, "072", _) => code("0332"),
            (_, "073", _) => code("0333"),
            (_, "074" | "075", _) => code("0334"),
            ("07", ..) => code("033"),
            (_, "081", _) => code("0351"),
            (_, "084", _) => code("0353"),
            (_, "085", _) => code("0354"),
            (_, "086", _) => code("0355"),
            (_, "087", _) => code("0356"),
            ("08", ..) => code("035"),
            ("03" | "02" | "01", ..) => None,
            // "plans to attack": a declared intent to use force is a threat (13x).
            ("18" | "19" | "20", ..) => {
                family_code("13", inner).map(|(c, _)| (c, Some(Modality::Intended)))
            }
            _ => Some((inner.to_string(), Some(Modality::Intended))),
        },
        "10" => match (root, base, inner) {
            (_, "045", _) => code("108"),
            ("04", ..) => code("106"),
            (_, "037", _) => code("107"),
            ("05", ..) => code("102"),
            (_, "061", _) => code("1011"),
            (_, "062", _) => code("1012"),
            ("06", ..) => code("101"),
            (_, "071", _) => code("1031"),
            (_, "072", _) => code("1032"),
            (_, "073", _) => code("1033"),
            (_, "074", _) => code("1034"),
            ("07", ..) => code("103"),
            (_, "081", _) => code("1051"),
            (_, "084", _) => code("1053"),
            (_, "085", _) => code("1054"),
            (_, "086", _) => code("1055"),
            (_, "087", _) => code("1056"),
            ("08", ..) => code("105"),
            _ => None,
        },
        "12" => match (root, base, inner) {
            (_, "045" | "038", _) => code("126"),
            ("04", ..) | (_, "036", _) => code("125"),
            (_, "057" | "037", _) | ("03", ..) => code("127"),
            (_, "061", _) => code("1211"),
            (_, "062", _) => code("1212"),
            ("06", ..) => code("121"),
            ("07", ..) => code("122"),
            (_, "081", _) => code("1241"),
            (_, "084", _) => code("1243"),
            (_, "085", _) => code("1244"),
            (_, "086", _) => code("1245"),
            (_, "087", _) => code("1246"),
            ("08", ..) => code("124"),
            ("05", ..) | ("01", ..) | ("02", ..) => code("120"),
            _ => None,
        },
        "13" => match (root, base, inner) {
            (_, "162", _) => code("1311"),
            (_, "163", _) => code("1312"),
            (_, "161" | "166", _) => code("1313"),
            (_, "164", _) => code("134"),
            (_, "165", _) => code("135"),
            ("16", ..) => code("131"),
            (_, "172", _) => code("132"),
            ("14", ..) => code("133"),
            ("17", ..) => code("137"),
            (_, "191", _) => code("1381"),
            (_, "192", _) => code("1382"),
            ("20", ..) => code("1383"),
            ("18", ..) | ("19", ..) => code("138"),
            _ => None,
        },
        _ => None,
    }
}

/// The act an intent code (03x) announces ("0356" → "087"), if it has one.
fn intended_act(code: &str) -> Option<&'static str> {
    Some(match code {
        "0311" => "061",
        "0312" => "062",
        "031" => "060",
        "032" => "050",
        "0331" => "071",
        "0332" => "072",
        "0333" => "073",
        "0334" => "074",
        "033" => "070",
        "0351" => "081",
        "0353" => "084",
        "0354" => "085",
        "0355" => "086",
        "0356" => "087",
        "035" => "080",
        "036" => "040",
        "038" | "039" => "045",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families() {
        assert_eq!(
            family_code("02", "087").map(|c| c.0).as_deref(),
            Some("0256")
        );
        assert_eq!(
            family_code("12", "040").map(|c| c.0).as_deref(),
            Some("125")
        );
        assert_eq!(
            family_code("13", "192").map(|c| c.0).as_deref(),
            Some("1382")
        );
        assert_eq!(
            family_code("03", "040").map(|c| c.0).as_deref(),
            Some("036")
        );
        assert_eq!(
            family_code("03", "190"),
            Some(("138".to_string(), Some(Modality::Intended)))
        );
        assert_eq!(
            family_code("03", "140"),
            Some(("140".to_string(), Some(Modality::Intended)))
        );
        assert_eq!(
            family_code("10", "0874").map(|c| c.0).as_deref(),
            Some("1056")
        );
        assert_eq!(family_code("13", "040"), None);
    }
}
