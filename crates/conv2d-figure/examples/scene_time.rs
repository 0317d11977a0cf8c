//! Times scene building for a large figure (16×64×64 → 16, k3 p1): `cargo run --release --example scene_time`.
use conv2d_core::data::{self, InputData, KernelData};
use conv2d_core::{forward, validate, Conv2dSpec, PaddingArg, Pair};
use conv2d_figure::{Figure, Highlight, Layout};

fn main() -> Result<(), String> {
    let spec = Conv2dSpec {
        padding: PaddingArg::Explicit(Pair::square(1)),
        ..Conv2dSpec::new(16, 16, Pair::square(3))
    };
    let layer = validate(&spec, [16, 64, 64]).map_err(|e| e.message)?;
    let x = data::input(&layer, InputData::Seeded, 1);
    let (w, b) = data::weights(&layer, KernelData::Seeded, 1).map_err(|e| e.to_string())?;
    let out = forward::forward(&layer, &x, &w, b.as_deref());
    let hl = Highlight::default();
    let t = std::time::Instant::now();
    let layout = Layout::new(&layer, 900.0);
    let t_layout = t.elapsed();
    let fig = Figure {
        transposed: None,
        layer: &layer,
        input: &x,
        weight: &w,
        bias: b.as_deref(),
        output: &out.data,
        highlight: &hl,
        filled: out.data.len(),
        words: &conv2d_figure::scene::Words::EN,
    };
    let t = std::time::Instant::now();
    let scene = fig.scene(&layout);
    println!(
        "layout {t_layout:?}, scene {:?}, {} items",
        t.elapsed(),
        scene.items.len()
    );
    Ok(())
}
