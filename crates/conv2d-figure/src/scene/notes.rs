//! The figure's hints drawn into a scene, for an export that asks for them: each numbered marker
//! where the page shows it, and the notes as lines under the figure (the scene grows to hold them).

use super::paint::text_width;
use super::{Align, Item, Scene};
use crate::hints::Placed;
use crate::palette::Rgba;

/// The markers' colour (the page's accent).
const MARKER: Rgba = Rgba::hex(0x0072b2);
/// A marker's side.
const SIDE: f32 = 18.0;
/// A note's size and line height.
const NOTE: (f32, f32) = (13.0, 19.0);

/// Adds `placed` markers and their `notes` (in the same order) to `scene`.
pub fn annotate(scene: &mut Scene, placed: &[Placed], notes: &[&str], text: Rgba) {
    for (i, m) in placed.iter().enumerate() {
        scene.items.push(Item::Rect {
            x: m.x - SIDE / 2.0,
            y: m.y - SIDE / 2.0,
            w: SIDE,
            h: SIDE,
            fill: Some(MARKER),
            stroke: Some(scene.paper),
            line: 2.0,
            dashed: false,
        });
        scene.items.push(Item::Text {
            x: m.x,
            y: m.y,
            text: (i + 1).to_string(),
            size: 12.0,
            color: Rgba::hex(0xffffff),
            align: Align::Center,
            bold: true,
            fit: None,
        });
    }
    let room = scene.width - 8.0;
    for (i, note) in notes.iter().enumerate() {
        let line = format!("{}. {note}", i + 1);
        let fit = (text_width(&line, NOTE.0) > room).then_some(room);
        scene.items.push(Item::Text {
            x: 4.0,
            y: scene.height + NOTE.1 * (i as f32 + 0.5) + 4.0,
            text: line,
            size: NOTE.0,
            color: text,
            align: Align::Left,
            bold: false,
            fit,
        });
    }
    if !notes.is_empty() {
        scene.height += NOTE.1 * notes.len() as f32 + 8.0;
    }
}
