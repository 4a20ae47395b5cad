//! The stage: one step of the analysis, adding layers to the working document.

use super::annotated::Annotated;

/// One step of the analysis. A stage adds layers to the annotated document and
/// never rewrites the text or the layers of earlier stages.
pub trait Stage: Send + Sync {
    /// A short name, for timings and messages.
    fn name(&self) -> &'static str;
    /// Add this stage's layers.
    fn run(&self, doc: &mut Annotated);
}
