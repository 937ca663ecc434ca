//! A list of layer items kept in order and found by id in constant time: what makes merges,
//! imports and edits of a layer with many thousands of items linear.

use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a layer's list items share: an id that is unique and stable forever, and when the item
/// last changed (later edits win in a merge).
pub trait Item: Clone + PartialEq {
    fn id(&self) -> &str;
    fn modified_unix_ms(&self) -> u64;
}

/// Items in order, with an index by id. Saved as a JSON array.
#[derive(Clone, Debug)]
pub struct Items<T: Item> {
    list: Vec<T>,
    index: HashMap<String, usize>,
}

impl<T: Item> Default for Items<T> {
    fn default() -> Self {
        Self { list: Vec::new(), index: HashMap::new() }
    }
}

impl<T: Item> PartialEq for Items<T> {
    fn eq(&self, other: &Self) -> bool {
        self.list == other.list
    }
}

impl<T: Item + Eq> Eq for Items<T> {}

impl<T: Item> Items<T> {
    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.list.iter()
    }

    pub fn as_slice(&self) -> &[T] {
        &self.list
    }

    pub fn get(&self, id: &str) -> Option<&T> {
        self.index.get(id).map(|&i| &self.list[i])
    }

    /// Where the item with `id` is in the list.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Replaces the item with the same id where it is, or adds it at the end. Returns its place.
    pub fn put(&mut self, item: T) -> usize {
        match self.index.get(item.id()) {
            Some(&i) => {
                self.list[i] = item;
                i
            }
            None => {
                self.index.insert(item.id().to_owned(), self.list.len());
                self.list.push(item);
                self.list.len() - 1
            }
        }
    }

    /// Takes out the item with `id`, keeping the others in order. Returns it and where it was.
    pub fn remove(&mut self, id: &str) -> Option<(usize, T)> {
        let at = self.index.remove(id)?;
        let item = self.list.remove(at);
        for i in &mut self.index.values_mut() {
            if *i > at {
                *i -= 1;
            }
        }
        Some((at, item))
    }

    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.list.retain(keep);
        self.reindex();
    }

    /// Puts the items in the order of `ids`; those not named keep their order, after them.
    pub fn reorder(&mut self, ids: &[String]) {
        let rank: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
        self.list.sort_by_key(|item| rank.get(item.id()).copied().unwrap_or(usize::MAX));
        self.reindex();
    }

    /// The ids in order.
    pub fn ids(&self) -> Vec<String> {
        self.list.iter().map(|x| x.id().to_owned()).collect()
    }

    pub fn sort_by_key<K: Ord>(&mut self, key: impl FnMut(&T) -> K) {
        self.list.sort_by_key(key);
        self.reindex();
    }

    fn reindex(&mut self) {
        self.index = self.list.iter().enumerate().map(|(i, x)| (x.id().to_owned(), i)).collect();
    }
}

impl<T: Item> FromIterator<T> for Items<T> {
    /// Items from a list; of two with the same id, the later replaces the earlier in its place.
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut items = Self::default();
        for item in iter {
            items.put(item);
        }
        items
    }
}

impl<T: Item> From<Vec<T>> for Items<T> {
    fn from(list: Vec<T>) -> Self {
        list.into_iter().collect()
    }
}

impl<'a, T: Item> IntoIterator for &'a Items<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl<T: Item> IntoIterator for Items<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

impl<T: Item + Serialize> Serialize for Items<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.list.serialize(serializer)
    }
}

impl<'de, T: Item + Deserialize<'de>> Deserialize<'de> for Items<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Vec::<T>::deserialize(deserializer)?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    struct Thing(&'static str, u64);

    impl Item for Thing {
        fn id(&self) -> &str {
            self.0
        }
        fn modified_unix_ms(&self) -> u64 {
            self.1
        }
    }

    #[test]
    fn items_keep_order_and_are_found_by_id() {
        let mut items: Items<Thing> = vec![Thing("a", 1), Thing("b", 1), Thing("c", 1)].into();
        assert_eq!(items.put(Thing("b", 2)), 1, "replaced in place");
        assert_eq!(items.put(Thing("d", 1)), 3);
        assert_eq!(items.remove("b"), Some((1, Thing("b", 2))));
        assert_eq!(items.get("d"), Some(&Thing("d", 1)));
        assert_eq!(items.position("c"), Some(1));
        items.reorder(&["d".into(), "a".into()]);
        assert_eq!(items.ids(), ["d", "a", "c"]);
        assert_eq!(items.position("c"), Some(2));
        let twice: Items<Thing> = vec![Thing("a", 1), Thing("a", 2)].into();
        assert_eq!(twice.len(), 1, "one id, one item");
    }
}
