//! Which address to put in the QR code: the laptop's address on the network the phones are on.

use std::net::{IpAddr, Ipv4Addr, UdpSocket};

/// The source address of the default route. Sends nothing: connecting a UDP socket only picks
/// a route. Wrong on a full-tunnel VPN (the tunnel's address), absent with no default route.
fn default_route_addr() -> Option<IpAddr> {
    let s = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    s.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?; // TEST-NET-1, never routed
    Some(s.local_addr().ok()?.ip()).filter(|ip| !ip.is_unspecified())
}

/// An address phones might reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub interface: String,
    pub addr: Ipv4Addr,
    /// Lower is better; 3 is a bridge, tunnel or VPN that phones are unlikely to reach.
    pub rank: u8,
}

/// Every IPv4 address but loopback and link-local, best first: private addresses on
/// physical-looking interfaces (the default route's first), then public ones, then container
/// bridges, tunnels and VPNs.
pub fn candidates() -> Vec<Candidate> {
    let route = default_route_addr();
    let mut out: Vec<Candidate> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| match i.ip() {
            IpAddr::V4(a) if !a.is_loopback() && !a.is_link_local() && !a.is_unspecified() => {
                let virt = is_virtual(&i.name) || i.is_p2p;
                let rank = match (virt, a.is_private(), Some(IpAddr::V4(a)) == route) {
                    (false, true, true) => 0,
                    (false, true, false) => 1,
                    (false, false, _) => 2,
                    (true, _, _) => 3,
                };
                Some(Candidate { interface: i.name, addr: a, rank })
            }
            _ => None,
        })
        .collect();
    out.sort_by(|a, b| (a.rank, &a.interface).cmp(&(b.rank, &b.interface)));
    out
}

/// Names that container runtimes, hypervisors and VPNs give their interfaces.
pub fn is_virtual(name: &str) -> bool {
    const PREFIXES: [&str; 16] = [
        "docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "lxc", "lxd", "cni", "flannel", "podman", "tun", "tap",
        "wg", "utun", "zt",
    ];
    let n = name.to_ascii_lowercase();
    PREFIXES.iter().any(|p| n.starts_with(p))
        || n.contains("vethernet")
        || n.contains("virtualbox")
        || n.contains("vpn")
        || n.starts_with("tailscale")
}

#[cfg(test)]
mod tests {
    #[test]
    fn bridges_and_tunnels_are_virtual() {
        for name in ["docker0", "br-5f2a1c", "tun0", "wg0", "utun3", "tailscale0", "vEthernet (WSL)", "myvpn"] {
            assert!(super::is_virtual(name), "{name}");
        }
        for name in ["wlan0", "eth0", "en0", "wlp2s0", "enp3s0"] {
            assert!(!super::is_virtual(name), "{name}");
        }
    }
}
