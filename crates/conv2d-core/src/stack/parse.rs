//! Reading a stack of layers as PyTorch code is written: `Conv2d(3, 64, 7, stride=2, padding=3),
//! ReLU(), MaxPool2d(3, 2, 1)`, or a whole `nn.Sequential(nn.Conv2d(...), nn.BatchNorm2d(64), ...)`
//! copied from a tutorial — the `nn.` or `torch.nn.` prefix, positional and keyword arguments,
//! tuples and lists, `True`/`False`/`None`, strings, trailing commas, `#` comments and line breaks.
//! What the reader typed is kept as values; which layers exist and what their arguments mean is
//! [`super::layers`]'s to say. Every item keeps where it is in the text, for messages.

/// A value as written.
#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    /// An integer (`3`, `-1`).
    Int(i64),
    /// A number with a point or exponent (`0.01`, `1e-5`).
    Float(f64),
    /// `True` or `False`.
    Bool(bool),
    /// `None`.
    None,
    /// A string (`'zeros'`, `"same"`).
    Str(String),
    /// A tuple or list (`(3, 3)`, `[2, 2]`).
    Seq(Vec<Lit>),
}

/// One call in the text: `Name(args)`, and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// The name without its `nn.` prefix (`Conv2d`).
    pub name: String,
    /// Positional arguments, in order.
    pub args: Vec<Lit>,
    /// Keyword arguments, in order.
    pub kwargs: Vec<(String, Lit)>,
    /// Byte range of the whole call in the text.
    pub span: (usize, usize),
}

/// Text that is not a stack of calls: what was expected, and where (a byte offset).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong, in a sentence.
    pub message: String,
    /// Byte offset in the text.
    pub at: usize,
}

impl SyntaxError {
    /// The 1-based line and column of the error in `text`.
    pub fn line_col(&self, text: &str) -> (usize, usize) {
        let before = &text[..self.at.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

/// Brackets nested deeper than this are refused (no layer takes more than a pair).
const MAX_DEPTH: usize = 16;

struct Reader<'a> {
    text: &'a str,
    at: usize,
    /// Brackets open around the value being read.
    depth: usize,
}

impl<'a> Reader<'a> {
    /// Skips spaces, line breaks and `#` comments.
    fn skip(&mut self) {
        loop {
            let rest = &self.text[self.at..];
            let trimmed = rest.trim_start();
            self.at += rest.len() - trimmed.len();
            if trimmed.starts_with('#') {
                self.at += trimmed.find('\n').unwrap_or(trimmed.len());
            } else {
                return;
            }
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip();
        self.text[self.at..].chars().next()
    }

    fn error<T>(&self, message: impl Into<String>) -> Result<T, SyntaxError> {
        Err(SyntaxError {
            message: message.into(),
            at: self.at,
        })
    }

    /// Consumes `c` or says it was expected.
    fn expect(&mut self, c: char) -> Result<(), SyntaxError> {
        match self.peek() {
            Some(x) if x == c => {
                self.at += c.len_utf8();
                Ok(())
            }
            Some(x) => self.error(format!("expected '{c}' but found '{x}'")),
            None => self.error(format!("expected '{c}' but the text ends")),
        }
    }

    /// A dotted name (`nn.Conv2d`, `torch.nn.ReLU`, `stride`), or none here.
    fn name(&mut self) -> Option<String> {
        self.skip();
        let rest = &self.text[self.at..];
        let len = rest
            .char_indices()
            .find(|&(i, c)| !(c.is_ascii_alphanumeric() || c == '_' || (c == '.' && i > 0)))
            .map_or(rest.len(), |(i, _)| i);
        let first = rest.chars().next()?;
        if len == 0 || !(first.is_ascii_alphabetic() || first == '_') {
            return None;
        }
        self.at += len;
        Some(rest[..len].to_string())
    }

    fn number(&mut self) -> Result<Lit, SyntaxError> {
        self.skip();
        let rest = &self.text[self.at..];
        let len = rest
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_ascii_digit()
                    || c == '.'
                    || c == '_'
                    || ((c == 'e' || c == 'E') && i > 0)
                    || ((c == '-' || c == '+')
                        && (i == 0 || matches!(rest.as_bytes()[i - 1], b'e' | b'E'))))
            })
            .map_or(rest.len(), |(i, _)| i);
        let s = rest[..len].replace('_', "");
        let lit = if let Ok(n) = s.parse::<i64>() {
            Lit::Int(n)
        } else if let Ok(f) = s.parse::<f64>() {
            Lit::Float(f)
        } else {
            return self.error(format!("'{}' is not a number", &rest[..len.max(1)]));
        };
        self.at += len;
        Ok(lit)
    }

    fn string(&mut self, quote: char) -> Result<Lit, SyntaxError> {
        let start = self.at;
        self.at += 1;
        match self.text[self.at..].find(quote) {
            Some(end) => {
                let s = self.text[self.at..self.at + end].to_string();
                self.at += end + 1;
                Ok(Lit::Str(s))
            }
            None => {
                self.at = start;
                self.error("this string is never closed")
            }
        }
    }

    /// Values up to `close`, comma-separated, a trailing comma allowed.
    fn seq(&mut self, close: char) -> Result<Vec<Lit>, SyntaxError> {
        let mut items = Vec::new();
        loop {
            if self.peek() == Some(close) {
                self.at += 1;
                return Ok(items);
            }
            items.push(self.value()?);
            match self.peek() {
                Some(',') => self.at += 1,
                Some(c) if c == close => {}
                _ => return self.error(format!("expected ',' or '{close}'")),
            }
        }
    }

    fn value(&mut self) -> Result<Lit, SyntaxError> {
        match self.peek() {
            Some(open @ ('(' | '[')) => {
                if self.depth >= MAX_DEPTH {
                    return self.error("brackets nested too deep");
                }
                self.at += 1;
                self.depth += 1;
                let items = self.seq(if open == '(' { ')' } else { ']' });
                self.depth -= 1;
                Ok(Lit::Seq(items?))
            }
            Some(q @ ('\'' | '"')) => self.string(q),
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' => self.number(),
            Some(_) => match self.name().as_deref() {
                Some("True") => Ok(Lit::Bool(true)),
                Some("False") => Ok(Lit::Bool(false)),
                Some("None") => Ok(Lit::None),
                Some(other) => self.error(format!("'{other}' is not a value here")),
                None => self.error("expected a value"),
            },
            None => self.error("expected a value but the text ends"),
        }
    }

    /// `Name(args)` from its name on.
    fn call(&mut self, start: usize, dotted: String) -> Result<Call, SyntaxError> {
        let name = dotted.rsplit('.').next().unwrap_or(&dotted).to_string();
        self.expect('(')?;
        let (mut args, mut kwargs) = (Vec::new(), Vec::new());
        loop {
            if self.peek() == Some(')') {
                self.at += 1;
                break;
            }
            let here = self.at;
            let keyword = self.name().and_then(|k| {
                if self.peek() == Some('=') {
                    self.at += 1;
                    Some(k)
                } else {
                    None
                }
            });
            match keyword {
                Some(k) if kwargs.iter().any(|(name, _)| *name == k) => {
                    self.at = here;
                    self.skip();
                    // Python refuses it before any call: a SyntaxError, in its words.
                    return self.error(format!("keyword argument repeated: {k}"));
                }
                Some(k) => kwargs.push((k, self.value()?)),
                None => {
                    self.at = here;
                    if !kwargs.is_empty() {
                        self.skip();
                        return self.error("a positional argument follows a keyword argument");
                    }
                    args.push(self.value()?);
                }
            }
            match self.peek() {
                Some(',') => self.at += 1,
                Some(')') => {}
                _ => return self.error("expected ',' or ')'"),
            }
        }
        Ok(Call {
            name,
            args,
            kwargs,
            span: (start, self.at),
        })
    }

    /// Calls separated by commas up to `close` (or the end when `close` is none).
    fn calls(&mut self, close: Option<char>) -> Result<Vec<Call>, SyntaxError> {
        let mut calls = Vec::new();
        loop {
            match (self.peek(), close) {
                (None, None) => return Ok(calls),
                (None, Some(c)) => return self.error(format!("expected '{c}' but the text ends")),
                (Some(c), Some(want)) if c == want => {
                    self.at += 1;
                    return Ok(calls);
                }
                _ => {}
            }
            self.skip();
            let start = self.at;
            let Some(name) = self.name() else {
                return self.error("expected a layer such as Conv2d(3, 8, 3)");
            };
            calls.push(self.call(start, name)?);
            match (self.peek(), close) {
                (Some(','), _) => self.at += 1,
                (None, None) => {}
                (Some(c), Some(want)) if c == want => {}
                _ => return self.error("expected ',' between layers"),
            }
        }
    }
}

/// The calls of a stack's text: a bare list of calls, or one `Sequential(...)` around them
/// (optionally assigned, `model = nn.Sequential(...)`).
pub fn parse(text: &str) -> Result<Vec<Call>, SyntaxError> {
    let mut r = Reader {
        text,
        at: 0,
        depth: 0,
    };
    // `model = nn.Sequential(` … as copied from a tutorial.
    let save = r.at;
    if let Some(_var) = r.name() {
        if r.peek() == Some('=') {
            r.at += 1;
        } else {
            r.at = save;
        }
    }
    let save = r.at;
    if let Some(name) = r.name() {
        if name.rsplit('.').next() == Some("Sequential") {
            r.expect('(')?;
            let calls = r.calls(Some(')'))?;
            if r.peek().is_some() {
                return r.error("text after the end of Sequential(...)");
            }
            return Ok(calls);
        }
    }
    r.at = save;
    r.calls(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        parse(text).unwrap().into_iter().map(|c| c.name).collect()
    }

    #[test]
    fn a_bare_list_and_a_tutorials_sequential_read_alike() {
        assert_eq!(
            names("Conv2d(3, 64, 7, stride=2, padding=3), ReLU(), MaxPool2d(3, 2, 1)"),
            ["Conv2d", "ReLU", "MaxPool2d"]
        );
        let tutorial = "model = nn.Sequential(\n    nn.Conv2d(3, 64, kernel_size=(7, 7), stride=2, padding=3, bias=False),  # stem\n    nn.BatchNorm2d(64),\n    torch.nn.ReLU(inplace=True),\n    nn.MaxPool2d(kernel_size=3, stride=2, padding=1),\n)\n";
        let calls = parse(tutorial).unwrap();
        assert_eq!(calls.len(), 4);
        assert_eq!(calls[0].args, [Lit::Int(3), Lit::Int(64)]);
        assert_eq!(
            calls[0].kwargs,
            [
                (
                    "kernel_size".into(),
                    Lit::Seq(vec![Lit::Int(7), Lit::Int(7)])
                ),
                ("stride".into(), Lit::Int(2)),
                ("padding".into(), Lit::Int(3)),
                ("bias".into(), Lit::Bool(false)),
            ]
        );
        assert_eq!(calls[2].kwargs, [("inplace".into(), Lit::Bool(true))]);
        assert_eq!(
            &tutorial[calls[1].span.0..calls[1].span.1],
            "nn.BatchNorm2d(64)"
        );
    }

    #[test]
    fn values_of_every_kind() {
        let c = &parse("LeakyReLU(negative_slope=1e-2), AvgPool2d([2, 2], None, 0, True, count_include_pad=False, divisor_override=-3), Conv2d(1, 1, 3, padding='same', padding_mode=\"reflect\")").unwrap();
        assert_eq!(c[0].kwargs[0].1, Lit::Float(0.01));
        assert_eq!(c[1].args[0], Lit::Seq(vec![Lit::Int(2), Lit::Int(2)]));
        assert_eq!(c[1].args[1], Lit::None);
        assert_eq!(c[1].kwargs[1].1, Lit::Int(-3));
        assert_eq!(c[2].kwargs[0].1, Lit::Str("same".into()));
        assert_eq!(c[2].kwargs[1].1, Lit::Str("reflect".into()));
    }

    #[test]
    fn malformed_text_is_placed_where_it_goes_wrong() {
        let cases = [
            ("Conv2d(3, 8, 3", "expected ',' or ')'", (1, 15)),
            (
                "Conv2d(3, 8, 3) ReLU()",
                "expected ',' between layers",
                (1, 17),
            ),
            (
                "Conv2d(3, 8, kernel_size=3, 2)",
                "a positional argument follows a keyword argument",
                (1, 29),
            ),
            (
                "ReLU(), \n  42",
                "expected a layer such as Conv2d(3, 8, 3)",
                (2, 3),
            ),
            (
                "Conv2d(3, 8, 'same)",
                "this string is never closed",
                (1, 14),
            ),
            (
                "nn.Sequential(ReLU(),",
                "expected ')' but the text ends",
                (1, 22),
            ),
            ("Conv2d(3, 8, foo)", "'foo' is not a value here", (1, 17)),
            (
                "Conv2d(3, 8, 3, stride=1, stride=2)",
                "keyword argument repeated: stride",
                (1, 27),
            ),
        ];
        for (text, message, at) in cases {
            let e = parse(text).unwrap_err();
            assert_eq!(
                (e.message.as_str(), e.line_col(text)),
                (message, at),
                "{text}"
            );
        }
    }

    /// Thousands of brackets are refused, never a stack overflow.
    #[test]
    fn deep_brackets_are_refused() {
        let text = format!("Conv2d(3, 8, {}3{})", "(".repeat(5000), ")".repeat(5000));
        assert_eq!(
            parse(&text).unwrap_err().message,
            "brackets nested too deep"
        );
    }

    #[test]
    fn nothing_is_no_layers() {
        assert_eq!(parse("  # just a comment\n").unwrap(), []);
        assert_eq!(parse("nn.Sequential()").unwrap(), []);
    }
}
