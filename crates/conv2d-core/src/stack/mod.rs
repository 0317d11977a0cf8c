//! A stack of layers, as an `nn.Sequential` is: the text read ([`parse`]), each call made a layer
//! of a kind the playground knows ([`layers`]), and the shapes, costs and receptive fields through
//! the whole stack ([`summary`]).

pub mod layers;
pub mod parse;
pub mod summary;
