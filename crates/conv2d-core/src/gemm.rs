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

// The panel kernel: the forward pass's GEMM on wasm32 with SIMD128, where `matrixmultiply` has only
// its generic (scalar) kernel. The weights are packed once per call in blocks of `MR` rows; the
// caller lays out `NR` output columns (pixels) of its im2col at a time as a k×NR panel, small enough
// to stay in L1 while every block of rows passes over it. A tile of MR×NR outputs is kept in
// registers (16 f32x4 accumulators would spill V8's 16 vector registers; 4×2 leave room for the
// panel's two vectors and a broadcast weight) and written once, bias included. Multiply then add,
// never a fused multiply-add (relaxed SIMD would let rounding differ between browsers). Elsewhere a
// scalar version with the same order of operations runs (natively only in the tests).

/// Rows of weights (output channels) in one tile.
pub(crate) const MR: usize = 4;
/// Output columns (pixels) in one panel.
pub(crate) const NR: usize = 8;

/// Packs the row-major m×k matrix `a` in blocks of [`MR`] rows, each block k-major (its MR values
/// for k = 0, then for k = 1, …), zero rows filling the last block.
pub(crate) fn pack_rows(m: usize, k: usize, a: &[f32], packed: &mut Vec<f32>) {
    assert!(a.len() >= m * k, "GEMM operands too short");
    let blocks = m.div_ceil(MR);
    packed.clear();
    packed.resize(blocks * MR * k, 0.0);
    for (b, block) in packed.chunks_exact_mut((MR * k).max(1)).enumerate() {
        for r in 0..MR.min(m - b * MR) {
            let row = &a[(b * MR + r) * k..(b * MR + r + 1) * k];
            for (kk, &v) in row.iter().enumerate() {
                block[kk * MR + r] = v;
            }
        }
    }
}

/// Consecutive panels of columns: `c[i·ldc + j0 + j] = bias[i] + Σ_kk a[i][kk] · B[kk][j]` for every
/// row `i < m` and `j < width`, with `packed` from [`pack_rows`] (m×k) and B given as
/// ⌈width / NR⌉ panels one after another in `panels`, each k×[`NR`] (panel p holds columns
/// p·NR…p·NR + NR − 1; the last one's columns from `width` on are computed but never stored).
/// Each block of rows passes over all the panels, so its outputs are written in runs.
#[allow(clippy::too_many_arguments)] // a GEMM's operands: sizes, three matrices, where to write
pub(crate) fn panels(
    m: usize,
    k: usize,
    packed: &[f32],
    panels: &[f32],
    bias: Option<&[f32]>,
    c: &mut [f32],
    ldc: usize,
    j0: usize,
    width: usize,
) {
    let blocks = m.div_ceil(MR);
    let count = width.div_ceil(NR);
    assert!(
        j0 + width <= ldc
            && packed.len() >= blocks * MR * k
            && panels.len() >= count * k * NR
            && bias.is_none_or(|b| b.len() >= m)
            && (m == 0 || c.len() >= (m - 1) * ldc + j0 + width),
        "GEMM operands too short"
    );
    for b in 0..blocks {
        let rows = MR.min(m - b * MR);
        let mut init = [0.0f32; MR];
        if let Some(bias) = bias {
            init[..rows].copy_from_slice(&bias[b * MR..b * MR + rows]);
        }
        let a = &packed[b * MR * k..(b + 1) * MR * k];
        for p in 0..count {
            let (col, cols) = (j0 + p * NR, NR.min(width - p * NR));
            let panel = &panels[p * k * NR..(p + 1) * k * NR];
            if rows == MR && cols == NR {
                let out = &mut c[b * MR * ldc + col..];
                // SAFETY: `a` holds k·MR values and `panel` k·NR; the tile's MR rows of NR values
                // start ldc apart at `out`, the last ending at (b·MR + MR − 1)·ldc + col + NR ≤
                // (m − 1)·ldc + j0 + width ≤ c.len() (asserted).
                unsafe {
                    let b = panel.as_ptr();
                    tile_kernel(
                        k,
                        a.as_ptr(),
                        |kk| b.add(kk * NR),
                        &init,
                        out.as_mut_ptr(),
                        ldc,
                    );
                }
            } else {
                let mut tile = [[0.0f32; NR]; MR];
                // SAFETY: as above, into a tile of MR rows of NR values.
                unsafe {
                    let (b, t) = (panel.as_ptr(), tile.as_mut_ptr().cast::<f32>());
                    tile_kernel(k, a.as_ptr(), |kk| b.add(kk * NR), &init, t, NR);
                }
                for (r, values) in tile.iter().enumerate().take(rows) {
                    let start = (b * MR + r) * ldc + col;
                    c[start..start + cols].copy_from_slice(&values[..cols]);
                }
            }
        }
    }
}

/// [`panels`] without a copy, for full panels whose B rows lie in `src` as they are: row kk of
/// panel p is the NR values at `src[corners[p] + taps[kk]]` (a stride-1 convolution's output cells
/// on one row read consecutive input cells). Panel p's columns are j0 + p·NR … j0 + p·NR + NR − 1.
#[allow(clippy::too_many_arguments)] // a GEMM's operands: sizes, three matrices, where to write
pub(crate) fn panels_at(
    m: usize,
    packed: &[f32],
    src: &[f32],
    taps: &[usize],
    corners: &[usize],
    bias: Option<&[f32]>,
    c: &mut [f32],
    ldc: usize,
    j0: usize,
) {
    let (k, blocks, width) = (taps.len(), m.div_ceil(MR), corners.len() * NR);
    let reach = taps.iter().max().map_or(0, |&t| t + NR);
    assert!(
        j0 + width <= ldc
            && packed.len() >= blocks * MR * k
            && corners.iter().all(|&p| p + reach <= src.len())
            && bias.is_none_or(|b| b.len() >= m)
            && (m == 0 || c.len() >= (m - 1) * ldc + j0 + width),
        "GEMM operands too short"
    );
    let (s, t) = (src.as_ptr(), taps.as_ptr());
    for b in 0..blocks {
        let rows = MR.min(m - b * MR);
        let mut init = [0.0f32; MR];
        if let Some(bias) = bias {
            init[..rows].copy_from_slice(&bias[b * MR..b * MR + rows]);
        }
        let a = &packed[b * MR * k..(b + 1) * MR * k];
        for (p, &corner) in corners.iter().enumerate() {
            let col = j0 + p * NR;
            // SAFETY: row kk of B is src[corner + taps[kk] .. + NR], within `src` (asserted for
            // every corner and the largest tap); `a` holds k·MR values; the writes as in `panels`.
            unsafe {
                let b_row = |kk: usize| s.add(corner + *t.add(kk));
                if rows == MR {
                    let out = c[b * MR * ldc + col..].as_mut_ptr();
                    tile_kernel(k, a.as_ptr(), b_row, &init, out, ldc);
                } else {
                    let mut tile = [[0.0f32; NR]; MR];
                    let out = tile.as_mut_ptr().cast::<f32>();
                    tile_kernel(k, a.as_ptr(), b_row, &init, out, NR);
                    for (r, values) in tile.iter().enumerate().take(rows) {
                        let start = (b * MR + r) * ldc + col;
                        c[start..start + NR].copy_from_slice(values);
                    }
                }
            }
        }
    }
}

/// `out[r·ldc + j] = init[r] + Σ_kk a[kk·MR + r] · B[kk][j]` for r < MR, j < NR, k in order,
/// multiply then add, where row kk of B is the NR values at `b_row(kk)`.
///
/// # Safety
/// `a` must point to k·MR readable values, `b_row(kk)` to NR readable values for each kk < k, and
/// `out` to MR rows of NR writable values, `ldc` apart, that alias neither.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
unsafe fn tile_kernel(
    k: usize,
    a: *const f32,
    b_row: impl Fn(usize) -> *const f32,
    init: &[f32; MR],
    out: *mut f32,
    ldc: usize,
) {
    use core::arch::wasm32::{
        f32x4_add, f32x4_mul, f32x4_splat, v128, v128_load, v128_load32_splat, v128_store,
    };
    let mut lo: [v128; MR] = init.map(|x| f32x4_splat(x));
    let mut hi = lo;
    for kk in 0..k {
        // SAFETY: kk < k, so both reads stay within the NR values of row kk and the k·MR values of
        // `a` that the caller promised; v128_load reads unaligned.
        let (b0, b1) = unsafe {
            let row = b_row(kk);
            (
                v128_load(row.cast::<v128>()),
                v128_load(row.add(4).cast::<v128>()),
            )
        };
        for r in 0..MR {
            // SAFETY: as above.
            let w = unsafe { v128_load32_splat(a.add(kk * MR + r).cast::<u32>()) };
            lo[r] = f32x4_add(lo[r], f32x4_mul(w, b0));
            hi[r] = f32x4_add(hi[r], f32x4_mul(w, b1));
        }
    }
    for r in 0..MR {
        // SAFETY: row r holds NR = 8 writable values at out + r·ldc (the caller's promise): two
        // unaligned stores of four.
        unsafe {
            let row = out.add(r * ldc);
            v128_store(row.cast::<v128>(), lo[r]);
            v128_store(row.add(4).cast::<v128>(), hi[r]);
        }
    }
}

/// The scalar version of the SIMD tile, in the same order of operations.
///
/// # Safety
/// As the SIMD version's.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
unsafe fn tile_kernel(
    k: usize,
    a: *const f32,
    b_row: impl Fn(usize) -> *const f32,
    init: &[f32; MR],
    out: *mut f32,
    ldc: usize,
) {
    // SAFETY: the caller promised these lengths.
    let a = unsafe { std::slice::from_raw_parts(a, k * MR) };
    let mut tile = init.map(|v| [v; NR]);
    for (kk, av) in a.chunks_exact(MR).enumerate() {
        // SAFETY: row kk of B holds NR values (the caller's promise).
        let bv = unsafe { std::slice::from_raw_parts(b_row(kk), NR) };
        for (row, &w) in tile.iter_mut().zip(av) {
            for (t, &x) in row.iter_mut().zip(bv) {
                *t += w * x;
            }
        }
    }
    for (r, row) in tile.iter().enumerate() {
        // SAFETY: row r holds NR writable values at out + r·ldc (the caller's promise).
        unsafe { std::ptr::copy_nonoverlapping(row.as_ptr(), out.add(r * ldc), NR) };
    }
}

/// One output row of a convolution with one input channel (depthwise), stride 1 along the row:
/// `out[x] = bias + Σ_{ky, kx} taps[ky·kw + kx] · src[start + ky·row_step + kx·dw + x]` for every
/// `x < out.len()`, ky then kx in order, multiply then add (as the reference sums).
#[allow(clippy::too_many_arguments)] // a window's geometry: where, how far apart, how many taps
pub(crate) fn depthwise_row(
    src: &[f32],
    start: usize,
    row_step: usize,
    dw: usize,
    [kh, kw]: [usize; 2],
    taps: &[f32],
    bias: f32,
    out: &mut [f32],
) {
    let width = out.len();
    if width == 0 || kh == 0 || kw == 0 {
        out.fill(bias);
        return;
    }
    assert!(
        taps.len() >= kh * kw && start + (kh - 1) * row_step + (kw - 1) * dw + width <= src.len(),
        "depthwise operands too short"
    );
    #[allow(unused_mut)] // only the SIMD loops (wasm32) advance it
    let mut x = 0;
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    if let ([3, 3], Some(taps)) = ([kh, kw], taps.first_chunk::<9>()) {
        // SAFETY: as in the loops below: reads within `src` (asserted), `out` holds `width` values.
        x = unsafe {
            row_3x3(
                src.as_ptr(),
                [start, row_step, dw],
                taps,
                bias,
                out.as_mut_ptr(),
                width,
            )
        };
    } else {
        use core::arch::wasm32::{f32x4_add, f32x4_mul, f32x4_splat, v128, v128_load, v128_store};
        let (s, o) = (src.as_ptr(), out.as_mut_ptr());
        // SAFETY (both loops): every read is at start + ky·row_step + kx·dw + x + i with i < 16
        // (or 4) and x + 16 (or 4) ≤ width, within `src` (asserted); `out` holds `width` values;
        // loads and stores are unaligned.
        while x + 16 <= width {
            unsafe {
                let o = o.add(x);
                let mut a0 = f32x4_splat(bias);
                let (mut a1, mut a2, mut a3) = (a0, a0, a0);
                for ky in 0..kh {
                    let row = s.add(start + ky * row_step + x);
                    for kx in 0..kw {
                        let w = f32x4_splat(taps[ky * kw + kx]);
                        let at = row.add(kx * dw);
                        a0 = f32x4_add(a0, f32x4_mul(w, v128_load(at.cast::<v128>())));
                        a1 = f32x4_add(a1, f32x4_mul(w, v128_load(at.add(4).cast::<v128>())));
                        a2 = f32x4_add(a2, f32x4_mul(w, v128_load(at.add(8).cast::<v128>())));
                        a3 = f32x4_add(a3, f32x4_mul(w, v128_load(at.add(12).cast::<v128>())));
                    }
                }
                v128_store(o.cast::<v128>(), a0);
                v128_store(o.add(4).cast::<v128>(), a1);
                v128_store(o.add(8).cast::<v128>(), a2);
                v128_store(o.add(12).cast::<v128>(), a3);
            }
            x += 16;
        }
        while x + 4 <= width {
            unsafe {
                let o = o.add(x);
                let mut a0 = f32x4_splat(bias);
                for ky in 0..kh {
                    let row = s.add(start + ky * row_step + x);
                    for kx in 0..kw {
                        let w = f32x4_splat(taps[ky * kw + kx]);
                        a0 =
                            f32x4_add(a0, f32x4_mul(w, v128_load(row.add(kx * dw).cast::<v128>())));
                    }
                }
                v128_store(o.cast::<v128>(), a0);
            }
            x += 4;
        }
    }
    for (i, d) in out.iter_mut().enumerate().skip(x) {
        *d = bias;
        for ky in 0..kh {
            for kx in 0..kw {
                *d += taps[ky * kw + kx] * src[start + ky * row_step + kx * dw + i];
            }
        }
    }
}

/// [`depthwise_row`]'s SIMD loops for a 3×3 kernel, its nine weights held in registers; returns
/// how many outputs it wrote (the rest, fewer than 4, are left to the scalar loop).
///
/// # Safety
/// Reads `src[start + ky·row_step + kx·dw + x]` for ky, kx < 3 and x below the returned count
/// (≤ width): those must be readable, and `out` must hold `width` writable values.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
unsafe fn row_3x3(
    src: *const f32,
    [start, row_step, dw]: [usize; 3],
    taps: &[f32; 9],
    bias: f32,
    out: *mut f32,
    width: usize,
) -> usize {
    use core::arch::wasm32::{f32x4_add, f32x4_mul, f32x4_splat, v128, v128_load, v128_store};
    let w: [v128; 9] = taps.map(|t| f32x4_splat(t));
    let b = f32x4_splat(bias);
    // SAFETY: the three input rows of this output row start within `src` (the caller's promise).
    let rows = unsafe { [0, 1, 2].map(|ky| src.add(start + ky * row_step)) };
    let mut x = 0;
    while x + 8 <= width {
        let (mut a0, mut a1) = (b, b);
        for (ky, row) in rows.iter().enumerate() {
            for kx in 0..3 {
                // SAFETY: reads x + kx·dw + 0…7 of an input row, x + 8 ≤ width (caller's promise).
                let (v0, v1) = unsafe {
                    let p = row.add(x + kx * dw);
                    (
                        v128_load(p.cast::<v128>()),
                        v128_load(p.add(4).cast::<v128>()),
                    )
                };
                a0 = f32x4_add(a0, f32x4_mul(w[ky * 3 + kx], v0));
                a1 = f32x4_add(a1, f32x4_mul(w[ky * 3 + kx], v1));
            }
        }
        // SAFETY: x + 8 ≤ width values of `out`.
        unsafe {
            v128_store(out.add(x).cast::<v128>(), a0);
            v128_store(out.add(x + 4).cast::<v128>(), a1);
        }
        x += 8;
    }
    while x + 4 <= width {
        let mut a0 = b;
        for (ky, row) in rows.iter().enumerate() {
            for kx in 0..3 {
                // SAFETY: as above, four values.
                let v = unsafe { v128_load(row.add(x + kx * dw).cast::<v128>()) };
                a0 = f32x4_add(a0, f32x4_mul(w[ky * 3 + kx], v));
            }
        }
        // SAFETY: x + 4 ≤ width values of `out`.
        unsafe { v128_store(out.add(x).cast::<v128>(), a0) };
        x += 4;
    }
    x
}

/// `dst.copy_from_slice(src)` for a row of a few dozen values. On wasm32 a copy of unknown length
/// becomes `memory.copy`, which V8 runs as a call out of the compiled code: costly once per row of
/// every padded channel. Here it is a loop of vector moves.
pub(crate) fn copy_row(dst: &mut [f32], src: &[f32]) {
    assert_eq!(dst.len(), src.len(), "rows of different lengths");
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        use core::arch::wasm32::{v128, v128_load, v128_store};
        let n = dst.len();
        let (d, s) = (dst.as_mut_ptr(), src.as_ptr());
        if n >= 4 {
            // SAFETY: every access is 4 values at i ≤ n − 4 of slices holding n values, unaligned.
            unsafe {
                let mut i = 0;
                while i + 4 <= n {
                    v128_store(d.add(i).cast::<v128>(), v128_load(s.add(i).cast::<v128>()));
                    i += 4;
                }
                if i < n {
                    let last = n - 4;
                    v128_store(
                        d.add(last).cast::<v128>(),
                        v128_load(s.add(last).cast::<v128>()),
                    );
                }
            }
        } else {
            // Fewer than four values: element by element.
            for (d, s) in dst.iter_mut().zip(src) {
                *d = *s;
            }
        }
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    dst.copy_from_slice(src);
}

/// `dst.fill(value)`, as [`copy_row`] avoids `memory.copy`: without `memory.fill`.
pub(crate) fn fill_row(dst: &mut [f32], value: f32) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        use core::arch::wasm32::{f32x4_splat, v128, v128_store};
        let n = dst.len();
        let d = dst.as_mut_ptr();
        if n >= 4 {
            let v = f32x4_splat(value);
            // SAFETY: every store is 4 values at i ≤ n − 4 of a slice holding n values, unaligned.
            unsafe {
                let mut i = 0;
                while i + 4 <= n {
                    v128_store(d.add(i).cast::<v128>(), v);
                    i += 4;
                }
                if i < n {
                    v128_store(d.add(n - 4).cast::<v128>(), v);
                }
            }
        } else {
            for x in dst.iter_mut() {
                *x = value;
            }
        }
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    dst.fill(value);
}

/// `even[j] = src[2·j]`, `odd[j] = src[2·j + 1]`, zero past the end of `src`: a padded row split
/// into its two phases for a convolution of stride 2 along the width.
pub(crate) fn deinterleave2(src: &[f32], even: &mut [f32], odd: &mut [f32]) {
    let n = even.len().min(odd.len());
    #[allow(unused_mut)] // only the SIMD loop (wasm32) advances it
    let mut j = 0;
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        use core::arch::wasm32::{i32x4_shuffle, v128, v128_load, v128_store};
        let (s, e, o) = (src.as_ptr(), even.as_mut_ptr(), odd.as_mut_ptr());
        while j + 4 <= n && 2 * j + 8 <= src.len() {
            // SAFETY: reads src[2j … 2j + 7] (just checked), writes four values at j of `even` and
            // `odd` (j + 4 ≤ n, both hold n), unaligned.
            unsafe {
                let a = v128_load(s.add(2 * j).cast::<v128>());
                let b = v128_load(s.add(2 * j + 4).cast::<v128>());
                v128_store(e.add(j).cast::<v128>(), i32x4_shuffle::<0, 2, 4, 6>(a, b));
                v128_store(o.add(j).cast::<v128>(), i32x4_shuffle::<1, 3, 5, 7>(a, b));
            }
            j += 4;
        }
    }
    for i in j..n {
        even[i] = src.get(2 * i).copied().unwrap_or(0.0);
        odd[i] = src.get(2 * i + 1).copied().unwrap_or(0.0);
    }
}
