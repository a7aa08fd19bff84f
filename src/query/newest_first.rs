//! Newest-first queries read only the newest days.
//!
//! `SELECT … ORDER BY DESC(?date) … LIMIT k`, with `?date` bound by `?e geokg:date ?date`
//! (required or in an `OPTIONAL` of its own), is the shape of "the latest events". Oxigraph
//! evaluates it by joining and sorting every event. Here the same query is first run restricted
//! to the newest days of the date index (`VALUES ?date { … }` next to the triple, which then
//! drives the join), widening the window until it yields `k` rows. Rows dated within the window
//! sort before every other row, so when the restricted query fills the `LIMIT` its answer is the
//! answer; otherwise the query runs as written.
//!
//! The rewrite only applies where it is exact: `?date` occurs in no other pattern, filter or
//! expression; the path from the top of the pattern to the first basic graph pattern goes only
//! through joins (left side), OPTIONALs (left side), FILTERs and BINDs; and the subject of the
//! date triple is bound by that first basic graph pattern.
//!
//! Where every `ORDER BY` key is a variable and only a projection lies between the `LIMIT` and
//! the order, the window's rows are also sorted here ([`NewestFirst::unordered`],
//! [`NewestFirst::sort_window`]): Oxigraph compares rows on decoded terms, looking every string
//! up in the store again at each of the ~n log n comparisons (about half of the query's time at
//! a few hundred rows), while here each value is decoded once. Only values whose SPARQL order is
//! simple are sorted here (IRIs, plain and language-tagged strings, plain calendar dates, and
//! unbound); a window with any other key value is sorted by Oxigraph as before.

use std::cmp::Ordering;
use std::sync::Arc;

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{Literal, Term, Variable};
use oxigraph::sparql::QuerySolution;
use spargebra::algebra::{GraphPattern, OrderExpression};
use spargebra::term::{GroundTerm, NamedNodePattern, TermPattern, TriplePattern};
use spargebra::{Query, algebra::Expression};

use crate::graph::date_index::{DATE, is_plain_calendar_value};

/// A query that may be answered from the newest days.
#[derive(Debug, Clone)]
pub struct NewestFirst {
    query: Query,
    variable: Variable,
    /// Rows the restricted query must return (the LIMIT).
    pub limit: usize,
    /// How to sort the window here, when the shape allows it.
    local: Option<LocalSort>,
}

/// Sorting the window's rows here: every `ORDER BY` key is a variable, and only a projection
/// lies between the slice and the order.
#[derive(Debug, Clone)]
struct LocalSort {
    /// The keys, each with whether it is descending.
    keys: Vec<(Variable, bool)>,
    /// The SELECT's variables, in order.
    projection: Arc<[Variable]>,
    offset: usize,
}

/// What sorting a window here gave.
#[derive(Debug)]
pub enum Window {
    /// The answer: the rows of the slice, projected.
    Rows(Arc<[Variable]>, Vec<QuerySolution>),
    /// Fewer rows than the slice needs: widen the window.
    TooFew,
    /// A key value whose order is not known here: let Oxigraph sort.
    NotHere,
}

impl NewestFirst {
    /// Recognises the newest-first shape; `None` for every other query.
    pub fn recognise(query: &Query) -> Option<NewestFirst> {
        let Query::Select { pattern, .. } = query else {
            return None;
        };
        let GraphPattern::Slice {
            inner,
            length: Some(limit),
            ..
        } = pattern
        else {
            return None;
        };
        let order = below_modifiers(inner)?;
        let GraphPattern::OrderBy { inner, expression } = order else {
            return None;
        };
        let Some(OrderExpression::Desc(Expression::Variable(variable))) = expression.first() else {
            return None;
        };
        if *limit == 0 || occurrences(&inner.to_string(), variable.as_str()) != 1 {
            return None;
        }
        let this = NewestFirst {
            query: query.clone(),
            variable: variable.clone(),
            limit: *limit,
            local: local_sort(pattern),
        };
        this.restricted(&[])?;
        Some(this)
    }

    /// The query with `?date` restricted to `dates` (`None` if the shape does not allow it).
    pub fn restricted(&self, dates: &[Literal]) -> Option<Query> {
        let mut query = self.query.clone();
        let Query::Select { pattern, .. } = &mut query else {
            return None;
        };
        let GraphPattern::Slice { inner, .. } = pattern else {
            return None;
        };
        let GraphPattern::OrderBy { inner, .. } = below_modifiers_mut(inner)? else {
            return None;
        };
        let mut pending = None;
        **inner = restrict(inner, &self.variable, dates, &mut pending)?;
        Some(query)
    }

    /// The query restricted to `dates` without its ORDER BY and slice, selecting the SELECT's
    /// variables and the order keys; `None` unless the window can be sorted here.
    pub fn unordered(&self, dates: &[Literal]) -> Option<Query> {
        let local = self.local.as_ref()?;
        let mut query = self.restricted(dates)?;
        let Query::Select { pattern, .. } = &mut query else {
            return None;
        };
        let GraphPattern::Slice { inner, .. } = pattern else {
            return None;
        };
        let GraphPattern::Project { inner, .. } = &**inner else {
            return None;
        };
        let GraphPattern::OrderBy { inner, .. } = &**inner else {
            return None;
        };
        let mut variables = local.projection.to_vec();
        for (key, _) in &local.keys {
            if !variables.contains(key) {
                variables.push(key.clone());
            }
        }
        *pattern = GraphPattern::Project {
            inner: inner.clone(),
            variables,
        };
        Some(query)
    }

    /// Sorts the rows of [`NewestFirst::unordered`] by the `ORDER BY` keys as SPARQL does, and
    /// takes the slice.
    pub fn sort_window(&self, mut rows: Vec<QuerySolution>) -> Window {
        let Some(local) = &self.local else {
            return Window::NotHere;
        };
        let orderable = rows
            .iter()
            .all(|row| local.keys.iter().all(|(k, _)| orderable_here(row.get(k))));
        if !orderable {
            return Window::NotHere;
        }
        if rows.len() < local.offset.saturating_add(self.limit) {
            return Window::TooFew;
        }
        rows.sort_by(|a, b| {
            local
                .keys
                .iter()
                .map(|(k, descending)| {
                    let order = compare(a.get(k), b.get(k));
                    if *descending { order.reverse() } else { order }
                })
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        });
        let projected = rows
            .iter()
            .skip(local.offset)
            .take(self.limit)
            .map(|row| {
                let values: Vec<Option<Term>> = local
                    .projection
                    .iter()
                    .map(|v| row.get(v).cloned())
                    .collect();
                QuerySolution::from((Arc::clone(&local.projection), values))
            })
            .collect();
        Window::Rows(Arc::clone(&local.projection), projected)
    }
}

/// The local sort of `SELECT ?x … ORDER BY ?k … LIMIT n OFFSET m` (keys variables only).
fn local_sort(slice: &GraphPattern) -> Option<LocalSort> {
    let GraphPattern::Slice { inner, start, .. } = slice else {
        return None;
    };
    let GraphPattern::Project { inner, variables } = &**inner else {
        return None;
    };
    let GraphPattern::OrderBy { expression, .. } = &**inner else {
        return None;
    };
    let keys = expression
        .iter()
        .map(|e| match e {
            OrderExpression::Asc(Expression::Variable(v)) => Some((v.clone(), false)),
            OrderExpression::Desc(Expression::Variable(v)) => Some((v.clone(), true)),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    Some(LocalSort {
        keys,
        projection: variables.clone().into(),
        offset: *start,
    })
}

/// Whether SPARQL's order of `term` against the others this accepts is known here: unbound,
/// IRIs, plain and language-tagged strings, and plain calendar values (whose order on their
/// time line is their string order).
fn orderable_here(term: Option<&Term>) -> bool {
    match term {
        None | Some(Term::NamedNode(_)) => true,
        Some(Term::Literal(l)) => {
            l.datatype() == xsd::STRING
                || l.datatype() == rdf::LANG_STRING
                || is_plain_calendar_value(l)
        }
        _ => false,
    }
}

/// SPARQL's `ORDER BY` order on the terms [`orderable_here`] accepts, as Oxigraph applies it:
/// unbound first, then IRIs, then literals. Two literals of one kind (strings, strings of one
/// language, dates of one type) compare by value, which for these forms is their string order;
/// other pairs have no SPARQL order and compare by (string, datatype, language). Both come to
/// comparing (string, datatype, language).
fn compare(a: Option<&Term>, b: Option<&Term>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(Term::NamedNode(a)), Some(Term::NamedNode(b))) => a.as_str().cmp(b.as_str()),
        (Some(Term::NamedNode(_)), Some(_)) => Ordering::Less,
        (Some(_), Some(Term::NamedNode(_))) => Ordering::Greater,
        (Some(Term::Literal(a)), Some(Term::Literal(b))) => {
            (a.value(), a.datatype(), a.language()).cmp(&(b.value(), b.datatype(), b.language()))
        }
        // Not accepted by `orderable_here`.
        _ => Ordering::Equal,
    }
}

/// The pattern under PROJECT, DISTINCT and REDUCED.
fn below_modifiers(mut p: &GraphPattern) -> Option<&GraphPattern> {
    loop {
        match p {
            GraphPattern::Project { inner, .. }
            | GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner } => p = inner,
            other => return Some(other),
        }
    }
}

fn below_modifiers_mut(p: &mut GraphPattern) -> Option<&mut GraphPattern> {
    match p {
        GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner } => below_modifiers_mut(inner),
        other => Some(other),
    }
}

/// Walks down the left spine of `p`: an `OPTIONAL { ?s geokg:date ?v }` met on the way is taken
/// out (`pending`) and moved into the first basic graph pattern, which is joined with
/// `VALUES ?v { dates }`.
fn restrict(
    p: &GraphPattern,
    v: &Variable,
    dates: &[Literal],
    pending: &mut Option<TriplePattern>,
) -> Option<GraphPattern> {
    Some(match p {
        GraphPattern::LeftJoin {
            left,
            right,
            expression: None,
        } if pending.is_none() && date_triple_alone(right, v).is_some() => {
            *pending = date_triple_alone(right, v).cloned();
            restrict(left, v, dates, pending)?
        }
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => GraphPattern::LeftJoin {
            left: Box::new(restrict(left, v, dates, pending)?),
            right: right.clone(),
            expression: expression.clone(),
        },
        GraphPattern::Join { left, right } => GraphPattern::Join {
            left: Box::new(restrict(left, v, dates, pending)?),
            right: right.clone(),
        },
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
            expr: expr.clone(),
            inner: Box::new(restrict(inner, v, dates, pending)?),
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } if variable != v => GraphPattern::Extend {
            inner: Box::new(restrict(inner, v, dates, pending)?),
            variable: variable.clone(),
            expression: expression.clone(),
        },
        GraphPattern::Bgp { patterns } => {
            let mut patterns = patterns.clone();
            match pending.take() {
                Some(triple) if binds(&patterns, &triple.subject) => patterns.push(triple),
                Some(_) => return None,
                None if patterns.iter().any(|t| is_date_triple(t, v)) => {}
                None => return None,
            }
            GraphPattern::Join {
                left: Box::new(GraphPattern::Values {
                    variables: vec![v.clone()],
                    bindings: dates
                        .iter()
                        .map(|d| vec![Some(GroundTerm::Literal(d.clone()))])
                        .collect(),
                }),
                right: Box::new(GraphPattern::Bgp { patterns }),
            }
        }
        _ => return None,
    })
}

/// The triple of `{ ?s geokg:date ?v }` when that is all `p` is.
fn date_triple_alone<'a>(p: &'a GraphPattern, v: &Variable) -> Option<&'a TriplePattern> {
    match p {
        GraphPattern::Bgp { patterns }
            if patterns.len() == 1 && is_date_triple(&patterns[0], v) =>
        {
            patterns.first()
        }
        _ => None,
    }
}

fn is_date_triple(t: &TriplePattern, v: &Variable) -> bool {
    matches!(&t.predicate, NamedNodePattern::NamedNode(p) if p.as_str() == DATE)
        && matches!(&t.object, TermPattern::Variable(o) if o == v)
}

/// Whether every row of `patterns` binds `term` (a constant, or a variable they mention).
fn binds(patterns: &[TriplePattern], term: &TermPattern) -> bool {
    match term {
        TermPattern::NamedNode(_) => true,
        TermPattern::Variable(x) => patterns.iter().any(|t| {
            matches!(&t.subject, TermPattern::Variable(s) if s == x)
                || matches!(&t.object, TermPattern::Variable(o) if o == x)
        }),
        _ => false,
    }
}

/// How often `?name` occurs as a whole variable in SPARQL text (conservative: a match inside
/// a string literal counts too, which only turns the rewrite off).
fn occurrences(text: &str, name: &str) -> usize {
    let needle = format!("?{name}");
    text.match_indices(&needle)
        .filter(|(i, _)| {
            text[i + needle.len()..]
                .chars()
                .next()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::vocab::xsd;
    use spargebra::SparqlParser;

    const PREFIXES: &str = "PREFIX geokg: <https://w3id.org/geokg/ns#> ";

    fn parse(q: &str) -> Query {
        SparqlParser::new()
            .parse_query(&format!("{PREFIXES}{q}"))
            .unwrap()
    }

    fn day(s: &str) -> Literal {
        Literal::new_typed_literal(s, xsd::DATE)
    }

    #[test]
    fn recognises_optional_and_required_dates() {
        for q in [
            "SELECT ?e ?date WHERE { ?e a geokg:Event ; geokg:actorLabel ?a OPTIONAL { ?e geokg:code ?c } OPTIONAL { ?e geokg:date ?date } } ORDER BY DESC(?date) ?a LIMIT 10",
            "SELECT ?e WHERE { ?e a geokg:Event ; geokg:date ?date FILTER(?e != geokg:x) } ORDER BY DESC(?date) LIMIT 5",
            "SELECT DISTINCT ?e ?date WHERE { ?e geokg:date ?date } ORDER BY DESC(?date) LIMIT 5 OFFSET 2",
        ] {
            let plan = NewestFirst::recognise(&parse(q)).expect(q);
            let restricted = plan.restricted(&[day("2025-01-02")]).unwrap().to_string();
            assert!(restricted.contains("VALUES"), "{restricted}");
            assert!(restricted.contains("2025-01-02"), "{restricted}");
        }
    }

    #[test]
    fn recognises_the_bundled_events_query_with_a_limit() {
        let text = format!(
            "{} LIMIT 100",
            include_str!("../../examples/queries/events.rq")
        );
        let query = SparqlParser::new()
            .with_prefix("xsd", "http://www.w3.org/2001/XMLSchema#")
            .unwrap()
            .parse_query(&text)
            .unwrap();
        let plan = NewestFirst::recognise(&query);
        assert!(plan.is_some(), "{query:?}");
    }

    #[test]
    fn refuses_other_shapes() {
        for q in [
            // no LIMIT, ascending order, date used elsewhere, not the first key
            "SELECT ?e WHERE { ?e geokg:date ?date } ORDER BY DESC(?date)",
            "SELECT ?e WHERE { ?e geokg:date ?date } ORDER BY ?date LIMIT 3",
            "SELECT ?e WHERE { ?e geokg:date ?date FILTER(?date > \"2020-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>) } ORDER BY DESC(?date) LIMIT 3",
            "SELECT ?e WHERE { ?e geokg:date ?date ; geokg:code ?c } ORDER BY ?c DESC(?date) LIMIT 3",
            // another predicate, a union, an OPTIONAL whose subject the first pattern leaves unbound
            "SELECT ?e WHERE { ?e geokg:dateStart ?date } ORDER BY DESC(?date) LIMIT 3",
            "SELECT ?e WHERE { { ?e geokg:date ?date } UNION { ?e geokg:x ?y } } ORDER BY DESC(?date) LIMIT 3",
            "SELECT ?e WHERE { ?e a geokg:Event OPTIONAL { ?f geokg:date ?date } } ORDER BY DESC(?date) LIMIT 3",
            "SELECT (COUNT(*) AS ?n) WHERE { ?e geokg:date ?date } GROUP BY ?date ORDER BY DESC(?date) LIMIT 3",
        ] {
            assert!(NewestFirst::recognise(&parse(q)).is_none(), "{q}");
        }
    }

    fn solution(vars: &Arc<[Variable]>, values: Vec<Option<Term>>) -> QuerySolution {
        QuerySolution::from((Arc::clone(vars), values))
    }

    #[test]
    fn sorts_simple_keys_here_and_leaves_the_rest_to_oxigraph() {
        let plan = NewestFirst::recognise(&parse(
            "SELECT ?e WHERE { ?e geokg:label ?n ; geokg:date ?date } ORDER BY DESC(?date) ?n LIMIT 3 OFFSET 1",
        ))
        .unwrap();
        let unordered = plan.unordered(&[day("2025-01-02")]).unwrap().to_string();
        assert!(
            !unordered.contains("ORDER BY") && !unordered.contains("LIMIT"),
            "{unordered}"
        );
        assert!(
            unordered.contains("?n") && unordered.contains("VALUES"),
            "{unordered}"
        );
        let vars: Arc<[Variable]> = ["e", "date", "n"].map(Variable::new_unchecked).into();
        let iri = |s: &str| {
            Some(Term::NamedNode(oxigraph::model::NamedNode::new_unchecked(
                s,
            )))
        };
        let text = |s: &str| Some(Term::Literal(Literal::new_simple_literal(s)));
        let french = |s: &str| {
            Some(Term::Literal(
                Literal::new_language_tagged_literal_unchecked(s, "fr"),
            ))
        };
        let date = |s: &str| Some(Term::Literal(day(s)));
        let rows = || {
            vec![
                solution(&vars, vec![iri("urn:e1"), date("2025-01-01"), text("a")]),
                solution(&vars, vec![iri("urn:e2"), date("2025-01-02"), text("b")]),
                solution(&vars, vec![iri("urn:e3"), date("2025-01-02"), french("a")]),
                solution(&vars, vec![iri("urn:e4"), date("2025-01-02"), None]),
                solution(&vars, vec![iri("urn:e5"), date("2025-01-02"), iri("urn:z")]),
            ]
        };
        // Newest day first; then unbound < IRI < literals, "a"@fr < "b" by string.
        let Window::Rows(projection, sorted) = plan.sort_window(rows()) else {
            panic!("not sorted here")
        };
        assert_eq!(&*projection, &[Variable::new_unchecked("e")]);
        let order: Vec<String> = sorted.iter().map(|s| s[0].to_string()).collect();
        assert_eq!(order, ["<urn:e5>", "<urn:e3>", "<urn:e2>"]);
        assert!(matches!(
            plan.sort_window(rows().into_iter().take(3).collect()),
            Window::TooFew
        ));
        let mut odd = rows();
        odd[0] = solution(
            &vars,
            vec![
                iri("urn:e1"),
                date("2025-01-01"),
                Some(Term::Literal(Literal::from(1.5))),
            ],
        );
        assert!(matches!(plan.sort_window(odd), Window::NotHere));
        // Expression keys and DISTINCT are not sorted here.
        for q in [
            "SELECT ?e WHERE { ?e geokg:label ?n ; geokg:date ?date } ORDER BY DESC(?date) STR(?n) LIMIT 3",
            "SELECT DISTINCT ?e WHERE { ?e geokg:label ?n ; geokg:date ?date } ORDER BY DESC(?date) ?n LIMIT 3",
        ] {
            let plan = NewestFirst::recognise(&parse(q)).expect(q);
            assert!(plan.unordered(&[day("2025-01-02")]).is_none(), "{q}");
        }
    }

    #[test]
    fn counts_whole_variables_only() {
        assert_eq!(
            occurrences("?date ?dates ?date. ?date_x (?date)", "date"),
            3
        );
    }
}
