//! A small crawler for any `http://` site, built on the chapter's library.
//!
//! ```text
//! crawl [--depth N] [--pages N] [--concurrency N] [--delay MS] [--timeout MS] [--json FILE] URL
//! ```

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use ch09_crawler::crawl::{CrawlOptions, crawl_with};
use ch09_crawler::polite::Limits;
use ch09_crawler::stats::{export, summarize};
use url::Url;

const USAGE: &str = "\
Usage: crawl [OPTIONS] URL

Crawls an http:// site breadth first from URL, staying on its origin.

Options:
  -d, --depth N          links to follow from the start page [default: 2]
  -n, --pages N          requests to make at most [default: 100]
  -c, --concurrency N    requests in flight at once [default: 4]
      --delay MS         milliseconds between request starts [default: 100]
      --timeout MS       milliseconds before a request gives up [default: 10000]
  -o, --json FILE        write the report as JSON to FILE
  -h, --help             show this help";

struct Args {
    start: Url,
    options: CrawlOptions,
    json: Option<PathBuf>,
}

fn parse_args() -> Result<Args, lexopt::Error> {
    use lexopt::prelude::*;

    let mut options = CrawlOptions {
        max_depth: 2,
        max_pages: 100,
        limits: Limits {
            concurrency: 4,
            delay: Duration::from_millis(100),
            timeout: Duration::from_secs(10),
        },
    };
    let mut start = None;
    let mut json = None;
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Short('d') | Long("depth") => options.max_depth = parser.value()?.parse()?,
            Short('n') | Long("pages") => options.max_pages = parser.value()?.parse()?,
            Short('c') | Long("concurrency") => {
                options.limits.concurrency = parser.value()?.parse()?;
            }
            Long("delay") => {
                options.limits.delay = Duration::from_millis(parser.value()?.parse()?);
            }
            Long("timeout") => {
                options.limits.timeout = Duration::from_millis(parser.value()?.parse()?);
            }
            Short('o') | Long("json") => json = Some(PathBuf::from(parser.value()?)),
            Short('h') | Long("help") => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            Value(value) if start.is_none() => {
                let text = value.string()?;
                let url = Url::parse(&text).map_err(|e| format!("{text}: {e}"))?;
                if url.scheme() != "http" {
                    return Err(format!("{url}: only http:// URLs can be crawled (no TLS)").into());
                }
                start = Some(url);
            }
            _ => return Err(arg.unexpected()),
        }
    }
    if options.limits.concurrency == 0 {
        return Err("--concurrency must be at least 1".into());
    }
    let start = start.ok_or("missing the start URL")?;
    Ok(Args {
        start,
        options,
        json,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(error) => {
            eprintln!("crawl: {error}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    let began = Instant::now();
    let (mut done, mut failed) = (0, 0);
    let pages = crawl_with(&args.start, &args.options, |page| {
        done += 1;
        if !page.fetch.outcome.is_success() {
            failed += 1;
        }
        // One line, rewritten in place: `\r` back to its start, `\x1b[K`
        // clears what a longer previous line left.
        let mut stderr = std::io::stderr().lock();
        let _ = write!(
            stderr,
            "\r\x1b[K{done} pages, {failed} not ok, depth {}: {}",
            page.depth, page.fetch.url
        );
        let _ = stderr.flush();
    })
    .await;
    eprintln!();

    for page in &pages {
        let status = match page.fetch.outcome.status() {
            Some(status) => status.to_string(),
            None => format!("{:?}", page.fetch.outcome)
                .chars()
                .take(40)
                .collect(),
        };
        let title = page.title.as_deref().unwrap_or("");
        println!("{status:>4} {:>2} {} {title}", page.depth, page.fetch.url);
    }
    let stats = summarize(&pages);
    println!(
        "\n{} pages in {:.1?}: {} succeeded, {} redirected, {} failed ({} timeouts, {} errors)",
        stats.pages,
        began.elapsed(),
        stats.succeeded,
        stats.redirected,
        stats.failed,
        stats.timeouts,
        stats.errors
    );
    if let Some(mean) = stats.mean_response_time {
        println!("mean response time {mean:.1?}");
    }

    if let Some(path) = args.json {
        if let Err(error) = export(&path, &pages).await {
            eprintln!("crawl: cannot write {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
        eprintln!("report written to {}", path.display());
    }
    ExitCode::SUCCESS
}
