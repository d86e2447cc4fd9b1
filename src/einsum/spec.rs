//! The run-time form of an einsum spec: the explicit subscripts (`"ij,jk->ik"`, with `...`),
//! as `einsum!` normalises them at compile time.

/// The first label used for `...` dims: the dim `d` places left of the ellipsis' right end is
/// label `ELLIPSIS_BASE + d`, so that ellipsis dims of operands of different ranks align from
/// the right as numpy's do.
pub(crate) const ELLIPSIS_BASE: u8 = 52;

/// One symbol of a term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sym {
    /// A letter, as label `0..52` (`a..z`, then `A..Z`).
    Label(u8),
    /// `...`.
    Ellipsis,
}

/// Parsed explicit subscripts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Spec {
    pub inputs: Vec<Vec<Sym>>,
    pub output: Vec<Sym>,
}

/// The label of a letter.
pub(crate) fn label_of(c: char) -> Option<u8> {
    match c {
        'a'..='z' => Some(c as u8 - b'a'),
        'A'..='Z' => Some(c as u8 - b'A' + 26),
        _ => None,
    }
}

/// How a label reads in a message: ``index `j` `` or `` `...` dim 1 (from the right)``.
pub(crate) fn label_name(l: u8) -> String {
    match l {
        0..26 => format!("index `{}`", (b'a' + l) as char),
        26..52 => format!("index `{}`", (b'A' + l - 26) as char),
        _ => format!(
            "`...` dim {} (counted from the right, from 0)",
            l - ELLIPSIS_BASE
        ),
    }
}

impl Spec {
    /// Parses subscripts in numpy's grammar (implicit or explicit output), validated as
    /// `einsum!` validates them.
    pub(crate) fn parse_any(s: &str) -> Result<Spec, String> {
        let explicit = super::grammar::Spec::parse(s)?.explicit();
        Spec::parse(&explicit)
    }

    /// Parses explicit subscripts: letters, `...`, `,` and one `->`; white space is ignored.
    pub(crate) fn parse(s: &str) -> Result<Spec, String> {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let (lhs, rhs) = s
            .split_once("->")
            .ok_or_else(|| format!("`{s}` has no `->` (the run-time form is explicit)"))?;
        let term = |t: &str| -> Result<Vec<Sym>, String> {
            let mut out = Vec::new();
            let mut rest = t;
            while let Some(c) = rest.chars().next() {
                if let Some(r) = rest.strip_prefix("...") {
                    if out.contains(&Sym::Ellipsis) {
                        return Err(format!("term `{t}` has two `...`"));
                    }
                    out.push(Sym::Ellipsis);
                    rest = r;
                } else {
                    let l = label_of(c).ok_or_else(|| format!("bad character {c:?} in `{t}`"))?;
                    out.push(Sym::Label(l));
                    rest = &rest[c.len_utf8()..];
                }
            }
            Ok(out)
        };
        let inputs = lhs.split(',').map(term).collect::<Result<Vec<_>, _>>()?;
        let output = term(rhs)?;
        Ok(Spec { inputs, output })
    }

    /// A term written back as text.
    pub(crate) fn term_str(t: &[Sym]) -> String {
        t.iter()
            .map(|s| match *s {
                Sym::Ellipsis => "...".to_string(),
                Sym::Label(l) if l < 26 => ((b'a' + l) as char).to_string(),
                Sym::Label(l) => ((b'A' + l - 26) as char).to_string(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_explicit_specs() {
        let s = Spec::parse("...ij, jK -> ...iK").unwrap();
        assert_eq!(s.inputs.len(), 2);
        assert_eq!(
            s.inputs[0],
            vec![Sym::Ellipsis, Sym::Label(8), Sym::Label(9)]
        );
        assert_eq!(s.output, vec![Sym::Ellipsis, Sym::Label(8), Sym::Label(36)]);
        assert_eq!(Spec::term_str(&s.output), "...iK");
        assert!(Spec::parse("ij").is_err());
        assert!(Spec::parse("i%->i").is_err());
        assert_eq!(Spec::parse(",->").unwrap().inputs, vec![vec![], vec![]]);
    }
}
