//! The subscript grammar of `einsum!` (numpy's): terms of letters separated by `,`, at most
//! one `...` per term, an optional `->` and output term; white space anywhere. Without `->`
//! the output is the letters that occur exactly once, in ASCII order (upper case first),
//! after `...` when an input has one.
//!
//! The same file is compiled into `shaped` as `einsum::grammar` (the run-time parser of
//! `einsum_dyn`, through `#[path]`), so the macro and the run time cannot disagree.

/// One symbol of a term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sym {
    Letter(char),
    Ellipsis,
}

/// Parsed and validated subscripts, with the output made explicit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Spec {
    pub inputs: Vec<Vec<Sym>>,
    pub output: Vec<Sym>,
}

/// The code of `...` among the label codes.
pub(crate) const ELLIPSIS_CODE: u8 = u8::MAX;

/// The label code of a symbol: `a..z` are 0..26, `A..Z` 26..52, `...` [`ELLIPSIS_CODE`].
pub(crate) fn code(s: Sym) -> u8 {
    match s {
        Sym::Letter(c @ 'a'..='z') => c as u8 - b'a',
        Sym::Letter(c @ 'A'..='Z') => c as u8 - b'A' + 26,
        Sym::Letter(c) => unreachable!("the grammar admits only ASCII letters, not {c:?}"),
        Sym::Ellipsis => ELLIPSIS_CODE,
    }
}

fn term_str(t: &[Sym]) -> String {
    t.iter()
        .map(|s| match s {
            Sym::Letter(c) => c.to_string(),
            Sym::Ellipsis => "...".to_string(),
        })
        .collect()
}

/// Parses one term (white space already removed); `what` names it in messages.
fn parse_term(t: &str, what: &str) -> Result<Vec<Sym>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '.' {
            if chars[i..].iter().take(3).filter(|&&d| d == '.').count() == 3 && chars.len() >= i + 3
            {
                if out.contains(&Sym::Ellipsis) {
                    return Err(format!("einsum: {what} `{t}` has more than one `...`"));
                }
                out.push(Sym::Ellipsis);
                i += 3;
            } else {
                return Err(format!(
                    "einsum: stray `.` in {what} `{t}`: an ellipsis is exactly three dots `...`"
                ));
            }
        } else if c.is_ascii_alphabetic() {
            out.push(Sym::Letter(c));
            i += 1;
        } else if c == '-' || c == '>' {
            return Err(format!(
                "einsum: misplaced `{c}` in {what} `{t}`: the output arrow is `->`, once, after the input terms"
            ));
        } else {
            return Err(format!(
                "einsum: bad character {c:?} in {what} `{t}`: subscripts are the letters a-z and A-Z, `...`, `,` and `->`"
            ));
        }
    }
    Ok(out)
}

impl Spec {
    /// Parses and validates subscripts.
    pub(crate) fn parse(src: &str) -> Result<Spec, String> {
        let s: String = src.chars().filter(|c| !c.is_whitespace()).collect();
        let parts: Vec<&str> = s.split("->").collect();
        if parts.len() > 2 {
            return Err("einsum: the subscripts have more than one `->`".to_string());
        }
        let inputs = parts[0]
            .split(',')
            .enumerate()
            .map(|(k, t)| parse_term(t, &format!("input term {k}")))
            .collect::<Result<Vec<_>, _>>()?;
        let any_ellipsis = inputs.iter().any(|t| t.contains(&Sym::Ellipsis));
        let output = match parts.get(1) {
            Some(o) => {
                if o.contains(',') {
                    return Err(format!(
                        "einsum: the output term `{o}` contains `,`: there is one output"
                    ));
                }
                let out = parse_term(o, "the output term")?;
                for (k, s) in out.iter().enumerate() {
                    if let Sym::Letter(c) = s {
                        if out[..k].contains(s) {
                            return Err(format!(
                                "einsum: output index `{c}` appears more than once in `{}`",
                                term_str(&out)
                            ));
                        }
                        if !inputs.iter().any(|t| t.contains(s)) {
                            return Err(format!(
                                "einsum: output index `{c}` does not appear in any input term"
                            ));
                        }
                    }
                }
                if out.contains(&Sym::Ellipsis) && !any_ellipsis {
                    return Err(
                        "einsum: the output term has `...` but no input term has".to_string()
                    );
                }
                out
            }
            None => {
                let mut counts: Vec<(char, usize)> = Vec::new();
                for s in inputs.iter().flatten() {
                    if let Sym::Letter(c) = s {
                        match counts.iter_mut().find(|(x, _)| x == c) {
                            Some((_, n)) => *n += 1,
                            None => counts.push((*c, 1)),
                        }
                    }
                }
                let mut once: Vec<char> = counts
                    .into_iter()
                    .filter(|&(_, n)| n == 1)
                    .map(|(c, _)| c)
                    .collect();
                once.sort_unstable();
                let mut out = Vec::new();
                if any_ellipsis {
                    out.push(Sym::Ellipsis);
                }
                out.extend(once.into_iter().map(Sym::Letter));
                out
            }
        };
        Ok(Spec { inputs, output })
    }

    /// The explicit form handed to the run time: `"ij,jk->ik"`.
    /// The parsed subscripts as label codes, the form the macro hands to the run time (so
    /// that nothing is parsed when an `einsum!` runs): one list per input term, then the
    /// output term's.
    pub(crate) fn codes(&self) -> (Vec<Vec<u8>>, Vec<u8>) {
        let term = |t: &[Sym]| t.iter().map(|&s| code(s)).collect::<Vec<u8>>();
        (
            self.inputs.iter().map(|t| term(t)).collect(),
            term(&self.output),
        )
    }

    #[cfg(test)]
    pub(crate) fn explicit(&self) -> String {
        let ins: Vec<String> = self.inputs.iter().map(|t| term_str(t)).collect();
        format!("{}->{}", ins.join(","), term_str(&self.output))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explicit(s: &str) -> Result<String, String> {
        Spec::parse(s).map(|s| s.explicit())
    }

    #[test]
    fn normalises() {
        assert_eq!(explicit("ij,jk").unwrap(), "ij,jk->ik");
        assert_eq!(explicit("ba,ab").unwrap(), "ba,ab->");
        assert_eq!(explicit("..., ...").unwrap(), "...,...->...");
        assert_eq!(explicit("i...").unwrap(), "i...->...i");
        assert_eq!(explicit("Ab,bc").unwrap(), "Ab,bc->Ac");
        assert_eq!(explicit(" ii -> i ").unwrap(), "ii->i");
        assert_eq!(explicit(",ab,->ab").unwrap(), ",ab,->ab");
    }

    #[test]
    fn rejects() {
        assert!(explicit(".i...").unwrap_err().contains("stray `.`"));
        assert!(explicit("i%...").unwrap_err().contains("bad character '%'"));
        assert!(
            explicit("i->ij")
                .unwrap_err()
                .contains("`j` does not appear")
        );
        assert!(explicit("ij->ii").unwrap_err().contains("more than once"));
        assert!(
            explicit("i->i->i")
                .unwrap_err()
                .contains("more than one `->`")
        );
        assert!(explicit("i-i").unwrap_err().contains("misplaced `-`"));
        assert!(
            explicit("......")
                .unwrap_err()
                .contains("more than one `...`")
        );
        assert!(explicit("i....").unwrap_err().contains("stray"));
    }
}
