//! The one place that calls the GEMM crate: a safe, bounds-checked wrapper over `matrixmultiply::sgemm`.
#![allow(unsafe_code)] // matrixmultiply's API takes raw pointers; every length is asserted before the call.

/// `c = a·b + beta·c` for row-major `a` (m×k), `b` (k×n) and `c` (m×n).
pub(crate) fn sgemm(m: usize, k: usize, n: usize, a: &[f32], b: &[f32], beta: f32, c: &mut [f32]) {
    assert!(
        a.len() >= m * k && b.len() >= k * n && c.len() >= m * n,
        "GEMM operands too short"
    );
    if m == 0 || n == 0 {
        return;
    }
    // SAFETY: the asserts above keep every access (row stride k, n, n; column stride 1) in bounds, and
    // `c` is a unique borrow that aliases neither `a` nor `b`.
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.as_ptr(),
            k as isize,
            1,
            b.as_ptr(),
            n as isize,
            1,
            beta,
            c.as_mut_ptr(),
            n as isize,
            1,
        );
    }
}

/// `c = aᵀ·b + beta·c` for `a` stored row-major as k×m (used transposed), `b` a k×n block of a
/// row-major matrix whose rows are `ldb` apart, and row-major `c` (m×n).
#[allow(clippy::too_many_arguments)] // a GEMM's operands: sizes, three matrices, one stride
pub(crate) fn sgemm_at(
    m: usize,
    k: usize,
    n: usize,
    a: &[f32],
    b: &[f32],
    ldb: usize,
    beta: f32,
    c: &mut [f32],
) {
    assert!(
        ldb >= n
            && a.len() >= m * k
            && (k == 0 || b.len() >= (k - 1) * ldb + n)
            && c.len() >= m * n,
        "GEMM operands too short"
    );
    if m == 0 || n == 0 {
        return;
    }
    // SAFETY: as in `sgemm`; `a` is read as an m×k matrix with row stride 1 and column stride m,
    // which stays within its k·m values; `b`'s k rows of n values start `ldb` apart, the last one
    // ending within `b` (asserted).
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.as_ptr(),
            1,
            m as isize,
            b.as_ptr(),
            ldb as isize,
            1,
            beta,
            c.as_mut_ptr(),
            n as isize,
            1,
        );
    }
}
