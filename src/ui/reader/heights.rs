//! Block heights: estimated for every block, replaced by the real height once laid out, with prefix sums
//! so that any scroll offset maps to a block without laying out what lies before it.

#[derive(Default)]
pub struct Heights {
    heights_pt: Vec<f32>,
    /// `prefix_pt[i]` is the top of block `i`; rebuilt lazily after heights change.
    prefix_pt: Vec<f32>,
    dirty: bool,
}

impl Heights {
    pub fn reset(&mut self, estimates_pt: impl Iterator<Item = f32>) {
        self.heights_pt.clear();
        self.heights_pt.extend(estimates_pt);
        self.dirty = true;
    }

    pub fn len(&self) -> usize {
        self.heights_pt.len()
    }

    pub fn set_measured(&mut self, block: usize, height_pt: f32) {
        if let Some(h) = self.heights_pt.get_mut(block)
            && *h != height_pt
        {
            *h = height_pt;
            self.dirty = true;
        }
    }

    fn refresh(&mut self) {
        if !self.dirty && self.prefix_pt.len() == self.heights_pt.len() + 1 {
            return;
        }
        self.prefix_pt.clear();
        self.prefix_pt.reserve(self.heights_pt.len() + 1);
        let mut y = 0.0;
        self.prefix_pt.push(y);
        for h in &self.heights_pt {
            y += h;
            self.prefix_pt.push(y);
        }
        self.dirty = false;
    }

    pub fn get(&self, block: usize) -> f32 {
        self.heights_pt.get(block).copied().unwrap_or(0.0)
    }

    pub fn total_pt(&mut self) -> f32 {
        self.refresh();
        self.prefix_pt.last().copied().unwrap_or(0.0)
    }

    pub fn top_of(&mut self, block: usize) -> f32 {
        self.refresh();
        self.prefix_pt.get(block).copied().unwrap_or(0.0)
    }

    /// The block at a document offset, and how far into it the offset lies.
    pub fn locate(&mut self, y_pt: f32) -> (usize, f32) {
        self.refresh();
        if self.heights_pt.is_empty() {
            return (0, 0.0);
        }
        let i = self.prefix_pt.partition_point(|&top| top <= y_pt).saturating_sub(1).min(self.heights_pt.len() - 1);
        (i, (y_pt - self.prefix_pt[i]).max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_offsets() {
        let mut h = Heights::default();
        h.reset([10.0, 20.0, 30.0].into_iter());
        assert_eq!(h.total_pt(), 60.0);
        assert_eq!(h.locate(0.0), (0, 0.0));
        assert_eq!(h.locate(15.0), (1, 5.0));
        assert_eq!(h.locate(1000.0).0, 2);
        h.set_measured(0, 40.0);
        assert_eq!(h.top_of(2), 60.0);
    }
}
