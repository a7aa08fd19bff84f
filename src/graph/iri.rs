//! Stable, content-derived IRIs for documents and events.

use sha2::{Digest, Sha256};

use geokg_extract::{Article, Event};

use super::ns;

/// Hex SHA-256 of the document text: the document's identity (same text → same IRI).
pub fn content_hash(article: &Article) -> String {
    hex(&Sha256::digest(article.text.as_bytes()))
}

/// The document IRI (also its named graph): `doc:` + the first 128 bits of the content hash.
pub fn document_iri(content_hash: &str) -> String {
    format!("{}{}", ns::DOC, &content_hash[..32.min(content_hash.len())])
}

/// The event IRI: a hash of the document and every field that identifies the event.
pub fn event_iri(content_hash: &str, event: &Event) -> String {
    let mut h = Sha256::new();
    for part in [
        content_hash,
        event.actor.iri.as_deref().unwrap_or(&event.actor.label),
        &event.action.code,
        event.target.iri.as_deref().unwrap_or(&event.target.label),
        &event.evidence.start.to_string(),
        &event.actor.start.to_string(),
        &event.target.start.to_string(),
        if event.negated { "neg" } else { "pos" },
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    format!("{}{}", ns::EVENT, &hex(&h.finalize())[..32])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
