//! How PyTorch prints sizes, once for the whole project: a shape as a Python tuple (`(3, 7, 7)`,
//! `(2,)`) and a list of sizes as PyTorch's messages print them (`[2, 3, 3, 3]`).

use std::fmt::Display;

/// A shape as Python prints a tuple of sizes: `(3, 2, 3)`, and `(2,)` for one size.
pub fn shape<T: Display>(dims: &[T]) -> String {
    match dims {
        [one] => format!("({one},)"),
        _ => format!("({})", join(dims)),
    }
}

/// Sizes as PyTorch's messages print a list: `[2, 3, 3, 3]`.
pub fn list<T: Display>(dims: &[T]) -> String {
    format!("[{}]", join(dims))
}

fn join<T: Display>(dims: &[T]) -> String {
    dims.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A count with its thousands grouped (`585,252,864`), as both the page's languages write it.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tuples_and_lists_as_python_prints_them() {
        assert_eq!(shape(&[3usize, 7, 7]), "(3, 7, 7)");
        assert_eq!(shape(&[2usize]), "(2,)");
        assert_eq!(shape::<usize>(&[]), "()");
        assert_eq!(list(&[2i64, -1, 3]), "[2, -1, 3]");
    }
}
