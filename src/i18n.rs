//! Every visible string of the page, in English and Chinese, from this one table. PyTorch's argument
//! names and PyTorch's own error sentences stay as PyTorch writes them in both languages.
//! Components read the table from a context ([`use_texts`]); templates are filled by [`fill`].

use yew::prelude::*;

/// A page language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The BCP 47 tag (`lang` attribute and `lang=` in the URL).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
    /// The language tagged `tag` (`zh`, `zh-CN`, `en`, …).
    pub fn from_tag(tag: &str) -> Option<Self> {
        let t = tag.to_ascii_lowercase();
        if t == "en" || t.starts_with("en-") {
            Some(Lang::En)
        } else if t == "zh" || t.starts_with("zh-") {
            Some(Lang::Zh)
        } else {
            None
        }
    }
    /// The words drawn inside the figure.
    pub fn words(self) -> &'static conv2d_figure::scene::Words {
        match self {
            Lang::En => &conv2d_figure::scene::Words::EN,
            Lang::Zh => &WORDS_ZH,
        }
    }
    /// The strings of this language.
    pub fn t(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}

/// The strings; one field per visible text.
#[derive(Debug, PartialEq, Eq)]
pub struct Texts {
    pub title: &'static str,
    pub preset: &'static str,
    pub custom: &'static str,
    pub figure: &'static str,
    pub play: &'static str,
    pub pause: &'static str,
    pub step: &'static str,
    pub step_back: &'static str,
    pub step_forward: &'static str,
    pub speed: &'static str,
    pub present: &'static str,
    pub leave_present: &'static str,
    pub full_screen: &'static str,
    pub theme: &'static str,
    pub theme_names: [&'static str; 3],
    pub shortcuts: &'static str,
    pub animation: &'static str,
    pub arguments: &'static str,
    pub input_height: &'static str,
    pub input_width: &'static str,
    pub input_data: &'static str,
    pub weights: &'static str,
    pub seed: &'static str,
    pub both: &'static str,
    pub numbers: &'static str,
    pub padding_hw: &'static str,
    pub square_on: &'static str,
    pub square_off: &'static str,
    pub square_title: &'static str,
    pub from_url: &'static str,
    pub rejects: &'static str,
    /// Heads a rejection whose sentence is this project's own, not PyTorch's.
    pub rejects_here: &'static str,
    pub involves: &'static str,
    pub dismiss: &'static str,
    pub hover_hint: &'static str,
    pub feeds: &'static str,
    pub figure_label: &'static str,
    pub keys: [(&'static str, &'static str); 7],
    pub close: &'static str,
    pub output_shape: &'static str,
    pub invalid: &'static str,
    pub parameters: &'static str,
    pub macs: &'static str,
    pub weight_shape: &'static str,
    pub bias_shape: &'static str,
    pub none: &'static str,
    pub receptive_field: &'static str,
    pub output_size: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub shapes_costs: &'static str,
    pub png_scale: &'static str,
    pub embed: &'static str,
    pub embed_label: &'static str,
    pub iframe: &'static str,
    pub permalink: &'static str,
    pub gif_frame: &'static str,
    pub charts_title: &'static str,
    pub charts_about: &'static str,
    pub log_y: &'static str,
    pub measured: &'static str,
    pub points: &'static str,
    pub claim: &'static str,
    pub here: &'static str,
    pub chart_hint: &'static str,
    pub measuring: &'static str,
    pub skipped: &'static str,
    /// Points with exact counts but too large to time in the page.
    pub not_timed: &'static str,
    /// The accessible name of a chart (after the argument's name): what it shows and its keys.
    pub chart_keys: &'static str,
    pub claims: [&'static str; 8],
    pub language: &'static str,
    pub fig_input: &'static str,
    pub fig_weight: &'static str,
    pub fig_output: &'static str,
    pub fig_padded: &'static str,
    pub fig_in: &'static str,
    pub fig_out: &'static str,
    pub v_too_few: &'static str,
    pub v_params_prop: &'static str,
    pub v_params_same: &'static str,
    pub v_params_change: &'static str,
    pub v_measuring: &'static str,
    pub v_time_prop: &'static str,
    pub v_not_falling: &'static str,
    pub v_rises: &'static str,
    pub v_falls: &'static str,
    pub v_no_fit: &'static str,
    pub chart_counts: &'static str,
    pub chart_time: &'static str,
    pub axis_params: &'static str,
    pub axis_macs: &'static str,
    pub preset_titles: [&'static str; 9],
    pub n_ignored: &'static str,
    pub n_unknown: &'static str,
    pub n_capped: &'static str,
    pub n_kernel: &'static str,
    pub n_too_large: &'static str,
    /// A chart's read-out of one point: `{name}`, `{x}`, `{params}`, `{macs}`, `{time}`.
    pub readout: &'static str,
    /// A measured time in a read-out: `{median}`, `{min}`, `{max}` (µs) and `{n}` passes.
    pub readout_time: &'static str,
    /// The accessible name of the figure's canvas.
    pub figure_canvas: &'static str,
    /// The accessible name of the charts' section.
    pub charts_label: &'static str,
    /// The accessible name of a control's slider: `{name}`.
    pub slider: &'static str,
    /// A failed export: `{error}`.
    pub export_failed: &'static str,
    /// Stops what is running (the GIF export).
    pub cancel: &'static str,
}

/// The figure's words in Chinese (the English ones are the figure crate's own).
const WORDS_ZH: conv2d_figure::scene::Words = conv2d_figure::scene::Words {
    input: ZH.fig_input,
    weight: ZH.fig_weight,
    output: ZH.fig_output,
    padded: ZH.fig_padded,
    input_channel: ZH.fig_in,
    output_channel: ZH.fig_out,
    more_terms: "项从略",
};

/// English.
pub const EN: Texts = Texts {
    title: "Conv2d Playground",
    preset: "preset",
    custom: "custom",
    figure: "figure",
    play: "▶ play",
    pause: "❚❚ pause",
    step: "step",
    step_back: "step back",
    step_forward: "step forward",
    speed: "speed /s",
    present: "present",
    leave_present: "leave presentation",
    full_screen: "full screen",
    theme: "theme",
    theme_names: ["auto", "light", "dark"],
    shortcuts: "keyboard shortcuts",
    animation: "animation",
    arguments: "Conv2d arguments",
    input_height: "input height",
    input_width: "input width",
    input_data: "input data",
    weights: "weights",
    seed: "seed",
    both: "both",
    numbers: "numbers",
    padding_hw: "padding (h, w)",
    square_on: "h = w",
    square_off: "h ≠ w",
    square_title: "same value for height and width",
    from_url: "(from the URL)",
    rejects: "PyTorch rejects this: ",
    rejects_here: "Not computed here (PyTorch raises no error, but has nothing to show): ",
    involves: "involves: ",
    dismiss: "dismiss",
    hover_hint: "hover or tap a cell",
    feeds: "feeds the highlighted output cells",
    figure_label: "figure: arrow keys move the output cursor, Enter pins, space plays",
    keys: [
        ("space", "play / pause"),
        ("← →", "step back / forward"),
        ("p", "presentation mode on / off"),
        ("?", "this list"),
        ("Esc", "close this list, then leave presentation mode"),
        ("← ↑ → ↓ (figure)", "move the output cursor"),
        ("Enter / Esc (figure)", "pin the cell in focus / let go"),
    ],
    close: "close",
    output_shape: "output shape (C, H, W)",
    invalid: "invalid configuration",
    parameters: "parameters",
    macs: "MACs",
    weight_shape: "weight shape",
    bias_shape: "bias shape",
    none: "none",
    receptive_field: "receptive field",
    output_size: "output size",
    copy: "copy",
    copied: "copied ✓",
    shapes_costs: "shapes and costs",
    png_scale: "PNG scale",
    embed: "Embed",
    embed_label: "embed this figure",
    iframe: "iframe",
    permalink: "permalink",
    gif_frame: "GIF frame",
    charts_title: "How parameters, MACs and time scale",
    charts_about: "Counts are exact (the core's cost model). Times are this browser's WASM forward pass, single thread: one warm-up pass, then 7 batches of passes (3 when one pass takes over 4 ms), each batch doubled until it lasts ≥ 2 ms, because performance.now() may be as coarse as 0.1 ms; points over 16M multiply-accumulates are not timed; the line is the median batch per pass, the band min–max. Noise is expected; the fits say how well the claims hold here. Click a point to set that value in the playground.",
    log_y: "log y",
    measured: "measured",
    points: "points",
    claim: "Claim: ",
    here: "Here: ",
    chart_hint: "hover a point to read it; click to use it",
    measuring: "measuring…",
    skipped: "skipped (PyTorch rejects them here)",
    not_timed: "counts exact, not timed (over 16M multiply-accumulates: too slow to time without stalling the page)",
    chart_keys: "parameters, MACs and time; left and right arrows read the points, Enter sets the value",
    claims: [
        "Parameters and time grow linearly with in_channels.",
        "Parameters and time grow linearly with out_channels.",
        "Parameters and time grow linearly with the kernel's area (k×k).",
        "Stride leaves the parameters alone; time falls as the stride grows (the output shrinks).",
        "Padding leaves the parameters alone and adds a little time.",
        "Dilation leaves the parameters alone and has little effect on time.",
        "Groups must divide both channel counts; they cut parameters and time by the number of groups.",
        "(Not in the article.) Parameters do not depend on the input size; time grows with H×W.",
    ],
    language: "language",
    fig_input: "input",
    fig_weight: "weight",
    fig_output: "output",
    fig_padded: "padded",
    fig_in: "in",
    fig_out: "out",
    v_too_few: "Too few valid points to judge here.",
    v_params_prop: "parameters ∝ {what}: R² {r2}",
    v_params_same: "parameters unchanged ({n} at all {k} points) ✓",
    v_params_change: "parameters change",
    v_measuring: "time: measuring…",
    v_time_prop: "time ∝ {what}: R² {r2}",
    v_not_falling: " (not falling here)",
    v_rises: "time rises {pct}% from the first to the last point",
    v_falls: "time falls {pct}% from the first to the last point",
    v_no_fit: "time: no fit",
    chart_counts: "parameters · MACs",
    chart_time: "time per forward pass (WASM)",
    axis_params: "params",
    axis_macs: "MACs",
    preset_titles: ["1 · intro", "2 · convolution", "3 · out_channels", "4 · in_channels", "5 · kernel_size", "6 · stride", "7 · padding", "8 · dilation", "9 · groups"],
    n_ignored: "ignored {key}={value}: not a valid value",
    n_unknown: "ignored unknown parameter {key}",
    n_capped: "{key} is capped at {cap} in the playground to keep the page responsive",
    n_kernel: "the {kernel} kernel is 3×3, but kernel_size is {size}: using seeded weights",
    n_too_large: "{macs} multiply-accumulates is more than the playground computes live ({cap}); shapes and costs are still exact",
    readout: "{name} = {x}: parameters {params}, MACs {macs}, time {time}",
    readout_time: "{median} µs (min {min}, max {max}; {n} passes)",
    figure_canvas: "Conv2d figure: padded input channels, kernels and output channels",
    charts_label: "scaling charts",
    slider: "{name} slider",
    export_failed: "The export failed: {error}",
    cancel: "cancel",
};

/// 简体中文.
pub const ZH: Texts = Texts {
    title: "Conv2d 演示场",
    preset: "示例",
    custom: "自定义",
    figure: "图",
    play: "▶ 播放",
    pause: "❚❚ 暂停",
    step: "步",
    step_back: "后退一步",
    step_forward: "前进一步",
    speed: "速度（步/秒）",
    present: "演示模式",
    leave_present: "退出演示",
    full_screen: "全屏",
    theme: "主题",
    theme_names: ["自动", "浅色", "深色"],
    shortcuts: "键盘快捷键",
    animation: "动画",
    arguments: "Conv2d 参数",
    input_height: "输入高度",
    input_width: "输入宽度",
    input_data: "输入数据",
    weights: "权重",
    seed: "随机种子",
    both: "两者",
    numbers: "数值",
    padding_hw: "padding（高, 宽）",
    square_on: "高 = 宽",
    square_off: "高 ≠ 宽",
    square_title: "高和宽取同一个值",
    from_url: "（来自网址）",
    rejects: "PyTorch 拒绝此配置：",
    rejects_here: "此处不计算（PyTorch 不报错，但没有可展示的结果）：",
    involves: "涉及：",
    dismiss: "关闭",
    hover_hint: "将指针悬停或轻触一个格子",
    feeds: "参与计算高亮的输出格",
    figure_label: "图：方向键移动输出光标，回车固定，空格播放",
    keys: [
        ("空格", "播放 / 暂停"),
        ("← →", "后退 / 前进一步"),
        ("p", "打开 / 关闭演示模式"),
        ("?", "本列表"),
        ("Esc", "关闭本列表，再按退出演示模式"),
        ("← ↑ → ↓（图中）", "移动输出光标"),
        ("回车 / Esc（图中）", "固定当前格子 / 取消固定"),
    ],
    close: "关闭",
    output_shape: "输出形状 (C, H, W)",
    invalid: "无效配置",
    parameters: "参数量",
    macs: "乘加次数 (MACs)",
    weight_shape: "权重形状",
    bias_shape: "偏置形状",
    none: "无",
    receptive_field: "感受野",
    output_size: "输出尺寸",
    copy: "复制",
    copied: "已复制 ✓",
    shapes_costs: "形状与开销",
    png_scale: "PNG 倍率",
    embed: "嵌入",
    embed_label: "嵌入此图",
    iframe: "iframe 代码",
    permalink: "永久链接",
    gif_frame: "GIF 帧",
    charts_title: "参数量、乘加次数与耗时如何变化",
    charts_about: "计数是精确值（来自核心的开销模型）。耗时是本浏览器中 WASM 前向计算的单线程实测：先预热一次，再测 7 批（单次超过 4 毫秒时测 3 批），每批的次数不断加倍直到耗时 ≥ 2 毫秒（performance.now() 的精度可能只有 0.1 毫秒）；乘加超过 1600 万的点不计时；折线是每次前向的中位数，色带为最小–最大值。测量有噪声，拟合结果说明文中的说法在这里成立得如何。点击一个点即可把该值设到演示场中。",
    log_y: "对数纵轴",
    measured: "已测",
    points: "个点",
    claim: "原文：",
    here: "实测：",
    chart_hint: "悬停查看数值，点击使用该值",
    measuring: "测量中…",
    skipped: "已跳过（PyTorch 在此拒绝这些值）",
    not_timed: "开销为精确值，未计时（乘加次数超过 1600 万，计时会让页面卡顿）",
    chart_keys: "参数量、乘加次数和耗时；左右方向键逐点读数，回车设为该值",
    claims: [
        "参数量和耗时随 in_channels 线性增长。",
        "参数量和耗时随 out_channels 线性增长。",
        "参数量和耗时随卷积核面积（k×k）线性增长。",
        "stride 不改变参数量；stride 增大时耗时下降（输出变小）。",
        "padding 不改变参数量，只略微增加耗时。",
        "dilation 不改变参数量，对耗时影响很小。",
        "groups 必须同时整除两个通道数；参数量和耗时都按组数成倍减少。",
        "（原文未提及）参数量与输入尺寸无关；耗时随 H×W 增长。",
    ],
    language: "语言",
    fig_input: "输入",
    fig_weight: "权重",
    fig_output: "输出",
    fig_padded: "填充后",
    fig_in: "输入",
    fig_out: "输出",
    v_too_few: "有效点太少，无法判断。",
    v_params_prop: "参数量 ∝ {what}：R² {r2}",
    v_params_same: "参数量不变（全部 {k} 个点均为 {n}）✓",
    v_params_change: "参数量有变化",
    v_measuring: "耗时：测量中…",
    v_time_prop: "耗时 ∝ {what}：R² {r2}",
    v_not_falling: "（此处并未下降）",
    v_rises: "耗时从第一个点到最后一个点上升 {pct}%",
    v_falls: "耗时从第一个点到最后一个点下降 {pct}%",
    v_no_fit: "耗时：无法拟合",
    chart_counts: "参数量 · 乘加次数",
    chart_time: "每次前向耗时（WASM）",
    axis_params: "参数量",
    axis_macs: "乘加",
    preset_titles: ["1 · 引言", "2 · 卷积运算", "3 · out_channels", "4 · in_channels", "5 · kernel_size", "6 · stride", "7 · padding", "8 · dilation", "9 · groups"],
    n_ignored: "已忽略 {key}={value}：不是有效的值",
    n_unknown: "已忽略未知参数 {key}",
    n_capped: "为保持页面流畅，演示场中 {key} 上限为 {cap}",
    n_kernel: "{kernel} 卷积核是 3×3 的，但 kernel_size 为 {size}：改用随机权重",
    n_too_large: "乘加次数 {macs} 超过演示场实时计算的上限（{cap}）；形状和开销仍是精确值",
    readout: "{name} = {x}：参数量 {params}，乘加 {macs}，耗时 {time}",
    readout_time: "{median} µs（最小 {min}，最大 {max}；共 {n} 次）",
    figure_canvas: "Conv2d 图：填充后的输入通道、卷积核和输出通道",
    charts_label: "扩展性图表",
    slider: "{name} 滑块",
    export_failed: "导出失败：{error}",
    cancel: "取消",
};

/// Fills `{key}` placeholders in `template` in one pass: a value is never searched for further
/// placeholders, and a placeholder with no value (or a lone brace) stays as written.
pub fn fill<V: AsRef<str>>(template: &str, values: &[(&str, V)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let key = &after[..close];
            values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (v.as_ref(), close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The page's strings, from the nearest `ContextProvider<&'static Texts>` (English without one).
#[hook]
pub fn use_texts() -> &'static Texts {
    use_context::<&'static Texts>().unwrap_or(&EN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_every_string_is_translated() {
        for l in [Lang::En, Lang::Zh] {
            assert_eq!(Lang::from_tag(l.tag()), Some(l));
        }
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("fr"), None);
        // No Chinese string left in English, apart from the names PyTorch gives (kept on purpose).
        let en = format!("{EN:?}");
        let zh = format!("{ZH:?}");
        assert_ne!(en, zh);
        assert!(ZH.title.contains("演示"));
        assert_ne!(EN.claims, ZH.claims);
        assert_ne!(EN.readout, ZH.readout);
    }

    #[test]
    fn fill_replaces_each_key_once_and_leaves_the_rest() {
        assert_eq!(
            fill("{a} and {b}, {a}", &[("a", "x"), ("b", "y")]),
            "x and y, x"
        );
        // A value that looks like a placeholder is not filled again.
        assert_eq!(
            fill("{key}={value}", &[("key", "{value}"), ("value", "1")]),
            "{value}=1"
        );
        assert_eq!(fill("{missing} {", &[("a", String::new())]), "{missing} {");
        assert_eq!(
            fill(EN.n_too_large, &[("macs", "5"), ("cap", "4")]),
            "5 multiply-accumulates is more than the playground computes live (4); shapes and costs are still exact"
        );
    }
}
