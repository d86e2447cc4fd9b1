//! The run-time form of einsum subscripts: one list of labels per term. `einsum!` emits them
//! as label codes, parsed at compile time; `einsum_dyn` and `plan` parse text with the same
//! grammar (the macro's, `einsum::grammar`).

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
    /// Parses subscripts in numpy's grammar (implicit or explicit output), with the macro's
    /// own parser: `einsum_dyn` and `plan` accept exactly what `einsum!` accepts.
    pub(crate) fn parse(s: &str) -> Result<Spec, String> {
        let (inputs, output) = super::grammar::Spec::parse(s)?.codes();
        Ok(Spec::from_codes(&inputs, &output))
    }

    /// The subscripts from the label codes that `einsum!` emits (a letter's code is its
    /// label; `...` is [`ELLIPSIS_CODE`](super::grammar::ELLIPSIS_CODE)).
    pub(crate) fn from_codes<I: AsRef<[u8]>>(inputs: &[I], output: &[u8]) -> Spec {
        let term = |t: &[u8]| -> Vec<Sym> {
            t.iter()
                .map(|&c| match c {
                    super::grammar::ELLIPSIS_CODE => Sym::Ellipsis,
                    l => Sym::Label(l),
                })
                .collect()
        };
        Spec {
            inputs: inputs.iter().map(|t| term(t.as_ref())).collect(),
            output: term(output),
        }
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
    fn parses_into_labels() {
        let s = Spec::parse("...ij, jK -> ...iK").unwrap();
        assert_eq!(s.inputs.len(), 2);
        assert_eq!(
            s.inputs[0],
            vec![Sym::Ellipsis, Sym::Label(8), Sym::Label(9)]
        );
        assert_eq!(s.output, vec![Sym::Ellipsis, Sym::Label(8), Sym::Label(36)]);
        assert_eq!(Spec::term_str(&s.output), "...iK");
        // Implicit output: the letters seen once, in ASCII order (upper case first).
        assert_eq!(
            Spec::parse("ij,jk").unwrap().output,
            vec![Sym::Label(8), Sym::Label(10)]
        );
        assert!(Spec::parse("i%->i").is_err());
        assert_eq!(Spec::parse(",->").unwrap().inputs, vec![vec![], vec![]]);
        // The codes einsum! emits give the same subscripts.
        let codes = Spec::from_codes(&[&[255u8, 8, 9][..], &[9, 36]], &[255, 8, 36]);
        assert_eq!(codes, Spec::parse("...ij,jK->...iK").unwrap());
    }
}
