//! The values an argument takes, and the kinds of them.

use crate::spec::Pair;

/// A value of an argument: an int, an `(h, w)` pair, a word (a padding string, a padding mode), or a
/// bool.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    /// A single int.
    Int(i64),
    /// An int or `(h, w)` tuple.
    Pair(Pair),
    /// A string.
    Word(String),
    /// True or False.
    Bool(bool),
}

impl Value {
    /// The value as link text: `3`, `3,5`, `same`, `true`.
    pub fn text(&self) -> String {
        match self {
            Value::Int(n) => n.to_string(),
            Value::Pair(p) => p.text(),
            Value::Word(w) => w.clone(),
            Value::Bool(b) => b.to_string(),
        }
    }

    /// The value as Python writes the argument: `3`, `(5, 2)`, `'same'`, `False`.
    pub fn python(&self) -> String {
        match self {
            Value::Int(n) => n.to_string(),
            Value::Pair(p) => p.python(),
            Value::Word(w) => crate::spec::python_str_repr(w),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
        }
    }

    /// The square value (a pair's height on both sides) for a linked pair control.
    pub fn squared(&self) -> Value {
        match self {
            Value::Pair(p) => Value::Pair(Pair::square(p.h)),
            v => v.clone(),
        }
    }
}

/// The values an argument takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// One int.
    Int,
    /// An int or `(h, w)`.
    Pair,
    /// `(h, w)` or one of these words (any other word is kept, for PyTorch's rules to reject).
    PairOrWord(&'static [&'static str]),
    /// True or False.
    Bool,
    /// One of these words (any other is kept, for PyTorch's rules to reject).
    Word(&'static [&'static str]),
}
