//! Teaching a case: discussion questions, the class plan, the slides shown in class, and the
//! teaching note and student handout. No egui here.

pub mod class_plan;
pub mod question;
pub mod unsc;

pub use class_plan::{Plan, Segment};
pub use question::{Kind, Question};
pub mod export;
pub mod slides;
