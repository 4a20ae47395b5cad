//! The machinery every trained model of attest uses, stage-independent:
//! hashed features over token views, the averaged perceptron and its compact
//! weights, label sets, greedy sequence decoding with word caches, model
//! files, gazetteers and word clusters, and the training loop. The `tag` and
//! `quotes` stages bring their feature templates and models.

pub mod clusters;
pub mod exchange;
pub mod gazetteer;
pub mod hash;
pub mod labels_set;
pub mod model;
pub mod perceptron;
pub mod score;
pub mod sequence;
pub mod tagger;
pub mod train;
pub mod view;
pub mod vocabulary;
pub mod weights;
pub mod word_cache;
