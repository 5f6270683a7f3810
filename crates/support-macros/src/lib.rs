//! `#[support::test]`: every chapter test is written with it.
//!
//! ```text
//! #[support::test(start_paused = true)]
//! async fn waits() { ... }
//! ```
//!
//! expands to a plain `#[test]` function that hands the body to
//! `support::harness`, which builds the runtime (as `#[tokio::test]`
//! would: current-thread unless `flavor = "multi_thread"`), watches it, and
//! reports the verdict. A function without `async` runs as it is, still
//! through the harness. `cargo test`, its filters and rust-analyzer's
//! run-test lens see an ordinary test.
//!
//! Hand-parsed, without `syn`: students compile this crate, and the input
//! is always a plain function.

use proc_macro::{Delimiter, Group, Punct, Spacing, TokenStream, TokenTree};

/// See the crate documentation.
#[proc_macro_attribute]
pub fn test(args: TokenStream, item: TokenStream) -> TokenStream {
    match expand(args, item) {
        Ok(tokens) => tokens,
        Err(message) => format!("compile_error!({message:?});").parse().unwrap(),
    }
}

/// The options `#[tokio::test]` takes that the chapters use.
#[derive(Default)]
struct Options {
    start_paused: bool,
    multi_thread: bool,
    worker_threads: Option<usize>,
}

fn expand(args: TokenStream, item: TokenStream) -> Result<TokenStream, String> {
    let options = parse_options(args)?;
    let tokens: Vec<TokenTree> = item.into_iter().collect();
    let fn_at = tokens
        .iter()
        .position(|t| matches!(t, TokenTree::Ident(i) if i.to_string() == "fn"))
        .ok_or("#[support::test] goes on a function")?;
    let name = match tokens.get(fn_at + 1) {
        Some(TokenTree::Ident(name)) => name.clone(),
        _ => return Err("#[support::test]: the function needs a name".into()),
    };
    let body = match tokens.last() {
        Some(TokenTree::Group(body)) if body.delimiter() == Delimiter::Brace => body.clone(),
        _ => return Err("#[support::test]: the function needs a body".into()),
    };
    let signature = &tokens[fn_at + 2..tokens.len() - 1];
    let takes_nothing = matches!(signature, [TokenTree::Group(g)]
        if g.delimiter() == Delimiter::Parenthesis && g.stream().is_empty());
    if !takes_nothing {
        return Err("#[support::test] functions take no arguments and return nothing".into());
    }
    let is_async = tokens[..fn_at]
        .iter()
        .any(|t| matches!(t, TokenTree::Ident(i) if i.to_string() == "async"));
    if !is_async
        && (options.start_paused || options.multi_thread || options.worker_threads.is_some())
    {
        return Err("#[support::test]: runtime options need an `async fn`".into());
    }
    // Everything before `fn` but `async`: attributes, doc comments, `pub`.
    let prefix: TokenStream = tokens[..fn_at]
        .iter()
        .filter(|t| !matches!(t, TokenTree::Ident(i) if i.to_string() == "async"))
        .cloned()
        .collect();
    // `__test, <runtime,> async move { body }` or `__test, move || { body }`:
    // the body keeps its own tokens and spans, so errors and panics point at
    // the test as written.
    let (function, options_text, closure) = if is_async {
        let runtime = format!(
            "::support::harness::Runtime {{ start_paused: {}, multi_thread: {}, \
             worker_threads: {:?} }},",
            options.start_paused, options.multi_thread, options.worker_threads
        );
        ("run_async", runtime, "async move")
    } else {
        ("run_sync", String::new(), "move ||")
    };
    let mut args = parse(&format!("__test, {options_text} {closure}"))?;
    args.extend([TokenTree::Group(body)]);
    let mut inner = parse(&format!(
        "let __test = ::support::harness::Test {{ module: ::core::module_path!(), \
         name: {:?}, line: ::core::line!() }}; ::support::harness::{function}",
        name.to_string()
    ))?;
    inner.extend([
        TokenTree::Group(Group::new(Delimiter::Parenthesis, args)),
        TokenTree::Punct(Punct::new(';', Spacing::Alone)),
    ]);
    let mut out = prefix;
    out.extend(parse(&format!("#[::core::prelude::v1::test] fn {name}()"))?);
    out.extend([TokenTree::Group(Group::new(Delimiter::Brace, inner))]);
    Ok(out)
}

fn parse(code: &str) -> Result<TokenStream, String> {
    code.parse().map_err(|e| format!("{e:?}"))
}

fn parse_options(args: TokenStream) -> Result<Options, String> {
    let mut options = Options::default();
    let tokens: Vec<TokenTree> = args.into_iter().collect();
    for option in tokens.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',')) {
        match option {
            [] => {}
            [TokenTree::Ident(key), TokenTree::Punct(eq), value] if eq.as_char() == '=' => {
                let value = value.to_string();
                match (key.to_string().as_str(), value.as_str()) {
                    ("start_paused", "true") => options.start_paused = true,
                    ("start_paused", "false") => options.start_paused = false,
                    ("flavor", "\"multi_thread\"") => options.multi_thread = true,
                    ("flavor", "\"current_thread\"") => options.multi_thread = false,
                    ("worker_threads", n) => {
                        options.worker_threads =
                            Some(n.parse().map_err(|_| format!("worker_threads = {n}?"))?)
                    }
                    (key, value) => {
                        return Err(format!("#[support::test]: unknown option {key} = {value}"));
                    }
                }
            }
            other => {
                let text: TokenStream = other.iter().cloned().collect();
                return Err(format!("#[support::test]: cannot read option `{text}`"));
            }
        }
    }
    if options.start_paused && options.multi_thread {
        return Err(
            "#[support::test]: time can be paused only on the current-thread runtime".into(),
        );
    }
    Ok(options)
}
