//! The desktop's text size. egui follows the window's scale factor, which is the display's,
//! and not the separate "text size" a user sets for legibility (GNOME's Large Text and text
//! scaling factor, KDE's font DPI through the portal). Casebook asks the XDG desktop portal for
//! it, on a thread since the portal may be slow to start or absent, and zooms the interface by
//! it.

use std::sync::mpsc;

/// The largest and smallest factors taken from the desktop: past these the setting is more
/// likely an error than a need, and the app's own zoom still goes further.
const MIN_SCALE: f32 = 0.5;
const MAX_SCALE: f32 = 3.0;

/// A question to the desktop, answered later.
pub struct SystemTextScale {
    rx: mpsc::Receiver<f32>,
}

impl SystemTextScale {
    /// Asks the desktop; `wake` is called when the answer is there.
    pub fn ask(wake: impl FnOnce() + Send + 'static) -> Self {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            if let Some(scale) = read().and_then(usable) {
                // The app may be gone; then nobody needs the answer.
                let _ = tx.send(scale);
                wake();
            }
        });
        SystemTextScale { rx }
    }

    /// The desktop's text scale, once it has answered.
    pub fn poll(&self) -> Option<f32> {
        self.rx.try_recv().ok()
    }
}

/// A factor from the desktop, if it is one to follow.
fn usable(scale: f64) -> Option<f32> {
    let scale = scale as f32;
    (scale.is_finite() && (MIN_SCALE..=MAX_SCALE).contains(&scale) && (scale - 1.0).abs() > 0.01).then_some(scale)
}

#[cfg(target_os = "linux")]
fn read() -> Option<f64> {
    use zbus::zvariant::OwnedValue;
    let connection = zbus::blocking::Connection::session().ok()?;
    let reply = connection
        .call_method(
            Some("org.freedesktop.portal.Desktop"),
            "/org/freedesktop/portal/desktop",
            Some("org.freedesktop.portal.Settings"),
            "ReadOne",
            &("org.gnome.desktop.interface", "text-scaling-factor"),
        )
        .ok()?;
    let value: OwnedValue = reply.body().deserialize().ok()?;
    f64::try_from(&value).ok()
}

#[cfg(not(target_os = "linux"))]
fn read() -> Option<f64> {
    None
}

#[cfg(test)]
mod tests {
    use super::usable;

    #[test]
    fn follows_a_real_setting_and_ignores_nonsense() {
        assert_eq!(usable(1.25), Some(1.25));
        assert_eq!(usable(1.0), None);
        assert_eq!(usable(f64::NAN), None);
        assert_eq!(usable(40.0), None);
        assert_eq!(usable(0.0), None);
    }
}
