//! The CAMEO codebook (`ontology/cameo.ttl`): labels, Goldstein scores and quad classes.

use rustc_hash::FxHashMap;

use super::turtle::{GEOKG, Graph, SKOS, local_name};

/// The four CAMEO quad classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuadClass {
    /// 1: verbal cooperation.
    VerbalCooperation,
    /// 2: material cooperation.
    MaterialCooperation,
    /// 3: verbal conflict.
    VerbalConflict,
    /// 4: material conflict.
    MaterialConflict,
}

impl QuadClass {
    /// The class for its local name in the geokg namespace ("MaterialConflict").
    pub fn from_name(name: &str) -> Option<QuadClass> {
        Some(match name {
            "VerbalCooperation" => QuadClass::VerbalCooperation,
            "MaterialCooperation" => QuadClass::MaterialCooperation,
            "VerbalConflict" => QuadClass::VerbalConflict,
            "MaterialConflict" => QuadClass::MaterialConflict,
            _ => return None,
        })
    }

    /// The local name in the geokg namespace.
    pub fn as_str(self) -> &'static str {
        match self {
            QuadClass::VerbalCooperation => "VerbalCooperation",
            QuadClass::MaterialCooperation => "MaterialCooperation",
            QuadClass::VerbalConflict => "VerbalConflict",
            QuadClass::MaterialConflict => "MaterialConflict",
        }
    }

    /// The conventional number, 1 to 4.
    pub fn number(self) -> u8 {
        match self {
            QuadClass::VerbalCooperation => 1,
            QuadClass::MaterialCooperation => 2,
            QuadClass::VerbalConflict => 3,
            QuadClass::MaterialConflict => 4,
        }
    }

    /// The full IRI (`geokg:MaterialConflict`).
    pub fn iri(self) -> String {
        format!("{GEOKG}{}", self.as_str())
    }
}

/// One CAMEO event type.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoConcept {
    /// The code ("042").
    pub code: String,
    /// Its label ("Make a visit").
    pub label: String,
    /// Goldstein score, −10 to +10.
    pub goldstein: Option<f32>,
    /// Quad class.
    pub quad_class: Option<QuadClass>,
}

/// CAMEO event types by code.
#[derive(Debug, Clone, Default)]
pub struct CameoCodebook {
    concepts: FxHashMap<String, CameoConcept>,
}

impl CameoCodebook {
    /// The concept with this code; a code unknown at four digits falls back to its three-digit parent.
    pub fn get(&self, code: &str) -> Option<&CameoConcept> {
        self.concepts.get(code).or_else(|| {
            let parent = code.get(..3).filter(|_| code.len() > 3)?;
            self.concepts.get(parent)
        })
    }

    /// Number of concepts.
    pub fn len(&self) -> usize {
        self.concepts.len()
    }

    /// Whether no concept is loaded.
    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    /// Adds the concepts of `graph`: subjects with a `skos:notation` and a Goldstein score or
    /// quad class, or in the `cameo:` namespace.
    pub fn add_graph(&mut self, graph: &Graph) {
        const CAMEO_NS: &str = "https://w3id.org/geokg/cameo/";
        for subject in &graph.subjects {
            let props = graph.get(subject);
            let is_concept = subject.starts_with(CAMEO_NS)
                || props.iter().any(|(p, _)| p == &format!("{GEOKG}goldstein"));
            if !is_concept {
                continue;
            }
            let mut concept = CameoConcept {
                code: String::new(),
                label: String::new(),
                goldstein: None,
                quad_class: None,
            };
            for (p, v) in props {
                if let Some(name) = p.strip_prefix(SKOS) {
                    match name {
                        "notation" => concept.code = v.text().to_string(),
                        "prefLabel" if v.is_english() => concept.label = v.text().to_string(),
                        _ => {}
                    }
                } else if let Some(name) = p.strip_prefix(GEOKG) {
                    match name {
                        "goldstein" => concept.goldstein = v.text().trim().parse().ok(),
                        "quadClass" => {
                            concept.quad_class = QuadClass::from_name(local_name(v.text()))
                        }
                        _ => {}
                    }
                }
            }
            if concept.code.is_empty() || !concept.code.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            self.concepts.insert(concept.code.clone(), concept);
        }
    }
}
