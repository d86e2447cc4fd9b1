//! Procedural macros of `shaped`: [`einsum!`] and [`try_einsum!`]. Use them through `shaped`
//! (`shaped::einsum!`), whose documentation has the examples.
//!
//! The macro sees tokens, not types: it parses and validates the subscripts (errors point at
//! the literal) and expands to a call of a generated generic function with one `AnyDim` type
//! parameter per axis of each operand. The letters relate those parameters through
//! `shaped::einsum::EinsumSame<Rhs, label::x>`, so a static size mismatch is a compile error
//! naming the letter, and a term whose rank differs from its operand's is a type error at the
//! operand.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens, TokenTree};
use quote::{format_ident, quote, quote_spanned};

mod spec;

use spec::{Spec, Sym};

/// Einstein summation with shapes checked at compile time; panics when `Dyn` sizes disagree.
///
/// See `shaped::einsum!` for the documentation.
#[proc_macro]
pub fn einsum(input: TokenStream) -> TokenStream {
    expand(input.into(), false).into()
}

/// Einstein summation returning `Result<Tensor, ShapeError>` where `Dyn` sizes disagree.
///
/// See `shaped::try_einsum!` for the documentation.
#[proc_macro]
pub fn try_einsum(input: TokenStream) -> TokenStream {
    expand(input.into(), true).into()
}

fn expand(input: Tokens, fallible: bool) -> Tokens {
    match expand_inner(input, fallible) {
        Ok(t) => t,
        Err(e) => e.to_compile_error(),
    }
}

/// Splits the input at its top-level commas: commas inside brackets, or inside the `<..>` of
/// generic arguments (`Vector::<f32, 3>::zeros()`), stay in their operand. An operand that
/// compares with `<` or `>` needs parentheses.
fn split_args(input: Tokens) -> Vec<Tokens> {
    let mut args = vec![Tokens::new()];
    let mut angle = 0usize;
    let mut prev: Option<char> = None;
    for tt in input {
        let ch = match &tt {
            TokenTree::Punct(p) => Some(p.as_char()),
            _ => None,
        };
        match ch {
            Some(',') if angle == 0 => {
                args.push(Tokens::new());
                prev = ch;
                continue;
            }
            Some('<') => angle += 1,
            // `->` and `=>` close nothing.
            Some('>') if !matches!(prev, Some('-') | Some('=')) => angle = angle.saturating_sub(1),
            _ => {}
        }
        prev = ch;
        args.last_mut().expect("one arg").extend([tt]);
    }
    if args.last().is_some_and(|a| a.is_empty()) {
        args.pop();
    }
    args
}

fn expand_inner(input: Tokens, fallible: bool) -> syn::Result<Tokens> {
    let mut args = split_args(input).into_iter();
    let first = args.next().ok_or_else(|| {
        syn::Error::new(
            Span::call_site(),
            "einsum!: expected a subscript string, e.g. einsum!(\"ij,jk->ik\", a, b)",
        )
    })?;
    let lit: syn::LitStr = syn::parse2(first).map_err(|e| {
        syn::Error::new(
            e.span(),
            "einsum!: the first argument must be a string literal of subscripts, e.g. \"ij,jk->ik\"",
        )
    })?;
    let operands: Vec<Tokens> = args.collect();
    let spec = Spec::parse(&lit.value()).map_err(|m| syn::Error::new(lit.span(), m))?;
    if spec.inputs.len() != operands.len() {
        return Err(syn::Error::new(
            lit.span(),
            format!(
                "einsum: the subscripts have {} term{} but {} operand{} {} given",
                spec.inputs.len(),
                if spec.inputs.len() == 1 { "" } else { "s" },
                operands.len(),
                if operands.len() == 1 { "" } else { "s" },
                if operands.len() == 1 { "is" } else { "are" },
            ),
        ));
    }
    Ok(generate(&spec, &operands, fallible))
}

/// The expansion: a generic function over the operands' dims, and its call.
fn generate(spec: &Spec, operands: &[Tokens], fallible: bool) -> Tokens {
    let rt = quote!(::shaped::einsum::__private);
    let t = format_ident!("__T");
    let mut generics = vec![quote!(#t)];
    let mut bounds = vec![quote!(#t: ::shaped::Number)];
    let mut params = Vec::new();
    let mut views = Vec::new();
    let mut args = Vec::new();
    // Every occurrence of each letter, as a type, in operand order.
    let mut occ: Vec<(char, Vec<Tokens>)> = Vec::new();
    let mut mids: Vec<Tokens> = Vec::new();

    for (k, (term, expr)) in spec.inputs.iter().zip(operands).enumerate() {
        let o = format_ident!("__O{}", k);
        let v = format_ident!("__o{}", k);
        generics.push(quote!(#o: ?::core::marker::Sized));
        params.push(quote!(#v: &#o));
        let span = expr
            .clone()
            .into_iter()
            .next()
            .map_or_else(Span::call_site, |t| t.span());
        args.push(quote_spanned!(span=> &(#expr)));
        views.push(quote!(::shaped::einsum::Operand::new(#rt::view(#v))));
        let letters: Vec<char> = term
            .iter()
            .filter_map(|s| match s {
                Sym::Letter(c) => Some(*c),
                Sym::Ellipsis => None,
            })
            .collect();
        let mut dim_types: Vec<Tokens> = Vec::new();
        if let Some(pos) = term.iter().position(|s| *s == Sym::Ellipsis) {
            let s = format_ident!("__S{}", k);
            let (pre, post) = (pos, term.len() - pos - 1);
            generics.push(quote!(#s));
            bounds.push(quote!(#o: #rt::EinsumOperand<#t, #s>));
            bounds.push(quote!(#s: #rt::EinsumEllipsis<#pre, #post>));
            for p in 0..pre {
                bounds.push(quote!(
                    <#s as #rt::EinsumEllipsis<#pre, #post>>::Pre: ::shaped::HasAxis<#p>
                ));
                dim_types.push(quote!(
                    <<#s as #rt::EinsumEllipsis<#pre, #post>>::Pre as ::shaped::HasAxis<#p>>::Dim
                ));
            }
            for p in 0..post {
                bounds.push(quote!(
                    <#s as #rt::EinsumEllipsis<#pre, #post>>::Post: ::shaped::HasAxis<#p>
                ));
                dim_types.push(quote!(
                    <<#s as #rt::EinsumEllipsis<#pre, #post>>::Post as ::shaped::HasAxis<#p>>::Dim
                ));
            }
            mids.push(quote!(<#s as #rt::EinsumEllipsis<#pre, #post>>::Mid));
        } else {
            for p in 0..letters.len() {
                let d = format_ident!("__D{}_{}", k, p);
                generics.push(quote!(#d));
                bounds.push(quote!(#d: ::shaped::AnyDim));
                dim_types.push(quote!(#d));
            }
            bounds.push(quote!(#o: #rt::EinsumOperand<#t, (#(#dim_types,)*)>));
        }
        for (c, ty) in letters.into_iter().zip(dim_types) {
            match occ.iter_mut().find(|(x, _)| *x == c) {
                Some((_, list)) => list.push(ty),
                None => occ.push((c, vec![ty])),
            }
        }
    }

    // Each letter's merged dim: its occurrences chained through EinsumSame.
    let mut merged: Vec<(char, Tokens)> = Vec::new();
    for (c, list) in &occ {
        let label = format_ident!("{}", c.to_string());
        let mut m = list[0].clone();
        for ty in &list[1..] {
            bounds.push(quote!(#m: #rt::EinsumSame<#ty, #rt::label::#label>));
            m = quote!(<#m as #rt::EinsumSame<#ty, #rt::label::#label>>::Out);
        }
        merged.push((*c, m));
    }
    let dim_of = |c: char| {
        merged
            .iter()
            .find(|(x, _)| *x == c)
            .map(|(_, m)| m.clone())
            .expect("output letters occur in the inputs")
    };

    // The output shape.
    let out_letters = |syms: &[Sym]| -> Vec<Tokens> {
        syms.iter()
            .filter_map(|s| match s {
                Sym::Letter(c) => Some(dim_of(*c)),
                Sym::Ellipsis => None,
            })
            .collect()
    };
    let out_shape = match spec.output.iter().position(|s| *s == Sym::Ellipsis) {
        None => {
            let dims = out_letters(&spec.output);
            quote!((#(#dims,)*))
        }
        Some(pos) => {
            let mut e = mids.first().cloned().unwrap_or_else(|| quote!(()));
            for m in mids.iter().skip(1) {
                bounds.push(quote!(#e: ::shaped::BroadcastShapes<#m>));
                e = quote!(<#e as ::shaped::BroadcastShapes<#m>>::Out);
            }
            let pre = out_letters(&spec.output[..pos]);
            let post = out_letters(&spec.output[pos + 1..]);
            let pre = quote!((#(#pre,)*));
            let post = quote!((#(#post,)*));
            bounds.push(quote!(#pre: #rt::EinsumConcat<#e>));
            let joined = quote!(<#pre as #rt::EinsumConcat<#e>>::Out);
            bounds.push(quote!(#joined: #rt::EinsumConcat<#post>));
            quote!(<#joined as #rt::EinsumConcat<#post>>::Out)
        }
    };
    let statics: Vec<Tokens> = merged
        .iter()
        .map(|(c, m)| quote!((#c, <#m as ::shaped::AnyDim>::STATIC)))
        .collect();
    // The parsed subscripts travel as label codes: the run time parses nothing.
    let (in_codes, out_codes) = spec.codes();
    let in_terms: Vec<Tokens> = in_codes.iter().map(|t| quote!(&[#(#t),*])).collect();
    let subscripts = quote!(&#rt::Subscripts {
        inputs: &[#(#in_terms),*],
        output: &[#(#out_codes),*],
    });
    let call = quote!(__shaped_einsum(#(#args),*));
    let result = if fallible {
        call
    } else {
        quote!(match #call {
            ::core::result::Result::Ok(t) => t,
            ::core::result::Result::Err(e) => #rt::fail(e),
        })
    };
    quote!({
        #[allow(non_camel_case_types, non_snake_case, clippy::type_complexity, clippy::too_many_arguments)]
        #[inline(never)]
        fn __shaped_einsum<#(#generics),*>(#(#params),*)
            -> ::core::result::Result<::shaped::Tensor<#t, #out_shape>, ::shaped::ShapeError>
        where
            #(#bounds,)*
        {
            #rt::run::<#t, #out_shape>(#subscripts, &[#(#views),*], &[#(#statics),*])
        }
        #result
    })
}
