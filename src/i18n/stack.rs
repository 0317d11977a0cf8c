//! The strings of the stack's strip, builder and layer figure, in both languages (the table's are
//! in [`super::Texts`]).

/// The stack's strings.
#[derive(Debug)]
pub struct StackTexts {
    /// The strip's heading.
    pub strip_title: &'static str,
    /// How to use the strip.
    pub strip_about: &'static str,
    /// The word before a channel number, under each tensor.
    pub channel: &'static str,
    /// After the count of lit channels under a tensor.
    pub lit: &'static str,
    /// The input tensor's title.
    pub input: &'static str,
    /// The effective receptive field's title (two lines).
    pub effective: &'static str,
    /// What the effective receptive field is.
    pub effective_about: &'static str,
    /// Too large to compute: `{macs}`.
    pub too_large: &'static str,
    /// The strip canvas's label.
    pub canvas: &'static str,
    /// The cell in focus: `{t}`, `{c}`, `{y}`, `{x}`, `{value}`.
    pub focus: &'static str,
    /// Move a layer up / down, remove it.
    pub up: &'static str,
    /// Down.
    pub down: &'static str,
    /// Remove.
    pub remove: &'static str,
    /// The add-a-layer button.
    pub add: &'static str,
    /// The menu of layer kinds it adds.
    pub add_kind: &'static str,
    /// Select a layer's text in the box.
    pub edit_text: &'static str,
    /// Edit a convolution with the playground's controls.
    pub edit_in_playground: &'static str,
    /// The bar over the playground while it edits a layer: `{i}`.
    pub editing: &'static str,
    /// Put the playground's layer back into the stack.
    pub put_back: &'static str,
    /// Put back found the layer gone from the stack: `{call}`.
    pub layer_gone: &'static str,
    /// The selected convolution is over the figure's live limit: `{macs}`.
    pub layer_too_large: &'static str,
    /// Why the strip is not drawn (an embed of a stack that goes wrong).
    pub not_drawn: &'static str,
    /// Leave without changing the stack.
    pub cancel: &'static str,
    /// The selected layer's figure heading: `{i}`, `{layer}`.
    pub layer_figure: &'static str,
    /// When the selected layer is not a convolution.
    pub layer_not_conv: &'static str,
    /// Click a row to draw it.
    pub pick_row: &'static str,
    /// Export buttons' group label.
    pub export: &'static str,
    /// The GIF button.
    pub gif: &'static str,
    /// A GIF being made: `{done}`, `{all}`.
    pub making: &'static str,
}

/// English.
pub static EN: StackTexts = StackTexts {
    strip_title: "Every tensor",
    strip_about: "Each tensor as a heatmap, its channels stacked behind it, for seeded weights and input. Hover or tap a cell: what it reads lights up in every earlier tensor, what it reaches in every later one. Keys: arrows move the cell, [ and ] change its channel, Shift+←/→ change the tensor, Esc lets the pointer lead again.",
    channel: "channel",
    lit: "lit",
    input: "input",
    effective: "effective field\n|∂cell/∂input|",
    effective_about: "The effective receptive field (Luo et al., 2016): how strongly each input cell moves the cell in focus for these weights, |gradient| summed over the input's channels, white (0) to blue (the most). The dashed box is the theoretical field.",
    too_large: "Too large to compute live ({macs} MACs): the table still holds. A smaller input shows every tensor.",
    canvas: "Every tensor of the stack; the cell in focus and its receptive field are described below",
    focus: "tensor {t}, cell ({c}, {y}, {x}) = {value}",
    up: "Move up",
    down: "Move down",
    remove: "Remove",
    add: "+ Add this layer",
    add_kind: "the kind of layer to add",
    edit_text: "Select its text",
    edit_in_playground: "Edit with the playground's controls",
    editing: "The playground is editing layer {i} of the stack.",
    put_back: "Put it back in the stack",
    layer_gone: "{call} is no longer in the stack, so it was not put back; the playground keeps the edited layer.",
    layer_too_large: "This layer is too large for the single-layer figure ({macs} MACs); the strip above shows its tensors.",
    not_drawn: "This stack is not drawn: its text goes wrong, PyTorch rejects its first layer, or it is too large to compute live.",
    cancel: "Cancel",
    layer_figure: "Layer {i}, {layer}, with the stack's values",
    layer_not_conv: "The single-layer figure draws a Conv2d or a ConvTranspose2d; this layer is in the strip above.",
    pick_row: "Click a layer's row to draw it with the single-layer figure.",
    export: "Export the strip",
    gif: "GIF: the focus walking through the output",
    making: "making the GIF: frame {done} of {all}",
};

/// Simplified Chinese.
pub static ZH: StackTexts = StackTexts {
    strip_title: "每一个张量",
    strip_about: "每个张量画成热力图，通道叠在后面；权重和输入由种子生成。悬停或轻触一个格：它读取的格在之前的每个张量里亮起，它影响的格在之后的每个张量里亮起。按键：方向键移动格，[ 和 ] 换通道，Shift+←/→ 换张量，Esc 让指针重新带动焦点。",
    channel: "通道",
    lit: "亮起",
    input: "输入",
    effective: "有效感受野\n|∂格/∂输入|",
    effective_about: "有效感受野（Luo 等，2016）：在当前权重下，每个输入格对焦点格的影响有多大，即梯度的绝对值在输入通道上求和，白色为 0，蓝色为最大。虚线框是理论感受野。",
    too_large: "太大，无法实时计算（{macs} 次乘加）：表格仍然成立。换一个更小的输入即可看到每个张量。",
    canvas: "堆叠的每一个张量；焦点格和它的感受野在下方说明",
    focus: "张量 {t}，格 ({c}, {y}, {x}) = {value}",
    up: "上移",
    down: "下移",
    remove: "删除",
    add: "+ 添加这一层",
    add_kind: "要添加的层的种类",
    edit_text: "选中它的代码",
    edit_in_playground: "用单层控件编辑",
    editing: "单层演示正在编辑堆叠的第 {i} 层。",
    put_back: "放回堆叠",
    layer_gone: "{call} 已不在堆叠中，所以没有放回；单层演示保留编辑后的层。",
    layer_too_large: "这一层对单层图来说太大（{macs} 次乘加）；它的张量见上面的张量条。",
    not_drawn: "这个堆叠无法画出：代码有误、PyTorch 拒绝了第一层，或太大无法实时计算。",
    cancel: "取消",
    layer_figure: "第 {i} 层，{layer}，用堆叠里的数值",
    layer_not_conv: "单层图只画 Conv2d 或 ConvTranspose2d；这一层见上面的张量条。",
    pick_row: "点击表格中的一行，用单层图画出这一层。",
    export: "导出张量条",
    gif: "GIF：焦点走遍输出",
    making: "正在生成 GIF：第 {done} 帧，共 {all} 帧",
};

/// One table per language, each a `static`: the same table is the same place (comparing every
/// string, as props do on each render, would cost time and code for nothing).
impl PartialEq for StackTexts {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for StackTexts {}
