//! Typed references between records of the working document: an entity, a
//! place or an attribution by its index in its layer. A record that points
//! at another says which layer it points into, and the compiler keeps an
//! attribution's index from being taken for an entity's.

use std::ops::{Index, IndexMut};

use super::attribution::Attribution;
use super::entity::{Entity, PlaceEntity};

macro_rules! layer_id {
    ($(#[$doc:meta])* $id:ident => $record:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $id(pub usize);

        impl $id {
            /// The index in its layer.
            pub fn index(self) -> usize {
                self.0
            }
        }

        impl Index<$id> for [$record] {
            type Output = $record;
            fn index(&self, id: $id) -> &$record {
                &self[id.0]
            }
        }

        impl IndexMut<$id> for [$record] {
            fn index_mut(&mut self, id: $id) -> &mut $record {
                &mut self[id.0]
            }
        }

        impl Index<$id> for Vec<$record> {
            type Output = $record;
            fn index(&self, id: $id) -> &$record {
                &self[id.0]
            }
        }

        impl IndexMut<$id> for Vec<$record> {
            fn index_mut(&mut self, id: $id) -> &mut $record {
                &mut self[id.0]
            }
        }
    };
}

layer_id! {
    /// An entity of the entities layer.
    EntityId => Entity
}

layer_id! {
    /// A place of the places layer.
    PlaceId => PlaceEntity
}

layer_id! {
    /// An attribution of the attributions layer.
    AttributionId => Attribution
}
