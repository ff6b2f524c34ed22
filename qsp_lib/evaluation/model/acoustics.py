"""Road traffic noise screening by an earth berm: ISO 9613-2 barrier attenuation.

A berm between a road and the façades behind it is modelled in the vertical plane
perpendicular to the road (a long berm: no lateral path, ``a = 0``): the source line at the
road axis, the two edges of the berm's crest (double diffraction over a wide crest), the
receiver. For each octave band 63 Hz-8 kHz the barrier attenuation ``Dz`` of
ISO 9613-2:1996 §7.4 replaces the ground attenuation ``Agr`` of the open situation
(§7.3.1, general method): ``Abar = Dz - Agr`` (eq. 12). The A-weighted insertion loss weights
the band losses with the EN 1793-3 normalised road traffic noise spectrum.

Plain functions over numbers and arrays: no file I/O, no plotting. The traffic spectrum is
passed in as a table (``qsp_lib.evaluation.reference.traffic_noise_spectrum()``).

References
----------
.. [1] ISO 9613-2:1996, Acoustics - Attenuation of sound during propagation outdoors -
   Part 2: General method of calculation. §7.3.1 (Table 3), §7.4 (eq. 12-18).
.. [2] EN 1793-3:1997, Road traffic noise reducing devices - Test method for determining
   the acoustic performance - Part 3: Normalized traffic noise spectrum. Table 1.
.. [3] Maekawa, Z. (1968). Noise reduction by screens. Applied Acoustics 1(3), 157-173.
.. [4] Department of Transport, Welsh Office (1988). Calculation of Road Traffic Noise
   (CRTN). HMSO, London. Chart 10: angle-of-view correction ``10 lg(theta / 180)``.
.. [5] Sétra (2009). Road noise prediction - 2: Noise propagation computation method
   including meteorological effects (NMPB 2008). §2 (line sources split into point sources).
   Commission Directive (EU) 2015/996 (CNOSSOS-EU), annex II §2.5.3 (same segmentation).

A finite berm screens only the part of the road it hides: a straight road is an incoherent
line source whose energy at a receiver is shared by the angle under which each segment is
seen (:func:`angle_of_view_share`), and the berm's effect on the total level of a zone
combines energetically the screened part of the road, the unscreened ends and the other
sources the berm does not hide (:func:`finite_berm_level`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

#: Octave-band centre frequencies [Hz] of ISO 9613-2 (Table 2 onwards).
OCTAVE_BANDS_HZ = (63, 125, 250, 500, 1000, 2000, 4000, 8000)

#: Speed of sound [m/s] used by ISO 9613-2 §7.4 for the wavelength (lambda = c / f).
SPEED_OF_SOUND_M_S = 340.0

#: C2 of ISO 9613-2 eq. 14: 20 when ground reflections are included in Dz (as here, where
#: Dz replaces Agr through eq. 12); 40 when image sources handle them separately.
C2 = 20.0

#: Upper limits of Dz (ISO 9613-2 §7.4): single and double diffraction [dB].
DZ_CAP_SINGLE_DB = 20.0
DZ_CAP_DOUBLE_DB = 25.0

#: Third-octave centre frequencies [Hz] grouped into the octave bands they make up
#: (IEC 61260 nominal bands); 63 Hz and 8 kHz octaves fall outside EN 1793-3 (100 Hz-5 kHz).
_THIRDS_OF_OCTAVE = {
    63: (50, 63, 80),
    125: (100, 125, 160),
    250: (200, 250, 315),
    500: (400, 500, 630),
    1000: (800, 1000, 1250),
    2000: (1600, 2000, 2500),
    4000: (3150, 4000, 5000),
    8000: (6300, 8000, 10000),
}


# --------------------------------------------------------------------------- ISO 9613-2
def wavelength_m(frequency_hz):
    """Wavelength ``lambda = c / f`` [m] with ``c = 340 m/s`` (ISO 9613-2 §7.4).

    Parameters
    ----------
    frequency_hz : float or array
        Nominal band centre frequency [Hz].
    """
    return SPEED_OF_SOUND_M_S / np.asarray(frequency_hz, dtype=float)


def c3_wide_crest(frequency_hz, crest_width_m: float):
    """Factor C3 of ISO 9613-2 eq. 15 for double diffraction over a crest of width ``e``.

    ``C3 = [1 + (5 lambda / e)^2] / [1/3 + (5 lambda / e)^2]``; ``C3 = 1`` for a single
    edge (``e = 0``).

    Parameters
    ----------
    frequency_hz : float or array
        Band centre frequency [Hz].
    crest_width_m : float
        Distance between the two diffracting edges ``e`` [m].

    Returns
    -------
    float or ndarray
        C3 [-], between 1 (thin screen) and 3 (very wide crest).

    References
    ----------
    ISO 9613-2:1996 §7.4, eq. 15.
    """
    lam = wavelength_m(frequency_hz)
    if crest_width_m <= 0:
        return np.ones_like(lam)
    r = (5.0 * lam / crest_width_m) ** 2
    return (1.0 + r) / (1.0 / 3.0 + r)


def kmet(dss_m: float, dsr_m: float, d_m: float, z_m: float) -> float:
    """Meteorological correction ``Kmet`` of ISO 9613-2 eq. 18 (downwind propagation).

    ``Kmet = exp(-(1/2000) sqrt(dss dsr d / (2 z)))`` for ``z > 0``, else 1.

    Parameters
    ----------
    dss_m, dsr_m : float
        Distances source - first edge and last edge - receiver [m].
    d_m : float
        Direct source-receiver distance [m].
    z_m : float
        Path-length difference [m].

    References
    ----------
    ISO 9613-2:1996 §7.4, eq. 18.
    """
    if z_m <= 0:
        return 1.0
    return math.exp(-(1.0 / 2000.0) * math.sqrt(dss_m * dsr_m * d_m / (2.0 * z_m)))


def barrier_dz(frequency_hz, z_m: float, kmet_factor: float, crest_width_m: float = 0.0):
    """Barrier attenuation ``Dz`` per band (ISO 9613-2 eq. 14) with the standard's caps.

    ``Dz = 10 lg[3 + (C2 / lambda) C3 z Kmet]``, ``C2 = 20``; capped at 20 dB for a single
    edge (``crest_width_m == 0``) and 25 dB for double diffraction. When the line of sight
    is not broken (``z <= 0``), the term ``(C2/lambda) C3 z`` is negative; below -2 the
    screen has no effect (``Dz = 0``), the rule of CNOSSOS-EU (Directive (EU) 2015/996,
    §2.5.6) used since ISO 9613-2 gives none.

    Parameters
    ----------
    frequency_hz : float or array
        Band centre frequency [Hz].
    z_m : float
        Path-length difference between the diffracted and the direct path [m].
    kmet_factor : float
        ``Kmet`` (:func:`kmet`), 1 when ``z <= 0``.
    crest_width_m : float
        Distance ``e`` between the two edges [m]; 0 for a single edge.

    Returns
    -------
    ndarray
        Dz [dB] per band.

    References
    ----------
    ISO 9613-2:1996 §7.4, eq. 14-16.
    """
    lam = wavelength_m(frequency_hz)
    term = (C2 / lam) * c3_wide_crest(frequency_hz, crest_width_m) * z_m * kmet_factor
    dz = np.where(term >= -2.0, 10.0 * np.log10(np.maximum(3.0 + term, 1.0)), 0.0)
    cap = DZ_CAP_DOUBLE_DB if crest_width_m > 0 else DZ_CAP_SINGLE_DB
    return np.minimum(dz, cap)


def ground_attenuation(
    frequency_hz,
    source_height_m: float,
    receiver_height_m: float,
    distance_m: float,
    g_source: float = 0.0,
    g_middle: float = 0.5,
    g_receiver: float = 0.5,
):
    """Ground attenuation ``Agr = As + Ar + Am`` per octave band, general method.

    Source and receiver regions (30 h long) use the functions a'(h), b'(h), c'(h), d'(h)
    of ISO 9613-2 Table 3; the middle region exists when ``dp > 30 (hs + hr)``. ``G`` is the
    ground factor: 0 hard (road, paving, water), 1 porous (grass, crops, trees).

    Parameters
    ----------
    frequency_hz : array
        Octave-band centres among 63-8000 Hz.
    source_height_m, receiver_height_m : float
        Heights above ground ``hs``, ``hr`` [m].
    distance_m : float
        Source-receiver distance projected on the ground ``dp`` [m].
    g_source, g_middle, g_receiver : float
        Ground factors of the three regions [-].

    Returns
    -------
    ndarray
        Agr [dB] per band (negative values are reflections that add sound).

    References
    ----------
    ISO 9613-2:1996 §7.3.1, eq. 9 and Table 3.
    """
    f = np.asarray(frequency_hz, dtype=float)
    dp = float(distance_m)

    def region(h: float, g: float):
        fade = 1.0 - math.exp(-dp / 50.0)
        a = (
            1.5
            + 3.0 * math.exp(-0.12 * (h - 5.0) ** 2) * fade
            + 5.7 * math.exp(-0.09 * h**2) * (1.0 - math.exp(-2.8e-6 * dp**2))
        )
        b = 1.5 + 8.6 * math.exp(-0.09 * h**2) * fade
        c = 1.5 + 14.0 * math.exp(-0.46 * h**2) * fade
        d = 1.5 + 5.0 * math.exp(-0.9 * h**2) * fade
        by_band = {63: -1.5, 125: -1.5 + g * a, 250: -1.5 + g * b, 500: -1.5 + g * c}
        by_band[1000] = -1.5 + g * d
        high = -1.5 * (1.0 - g)
        return np.array([by_band.get(int(round(x)), high) for x in f])

    hs, hr = float(source_height_m), float(receiver_height_m)
    q = 0.0 if dp <= 30.0 * (hs + hr) else 1.0 - 30.0 * (hs + hr) / dp
    am = np.where(f < 100, -3.0 * q, -3.0 * q * (1.0 - g_middle))
    return region(hs, g_source) + region(hr, g_receiver) + am


# --------------------------------------------------------------------------- geometry
@dataclass(frozen=True)
class BermGeometry:
    """Cross-section of a long berm parallel to a road (distances from the road axis).

    Attributes
    ----------
    height_m : float
        Crest height above the ground [m].
    crest_width_m : float
        Width of the flat crest [m] (0: a thin screen, single diffraction).
    base_width_m : float
        Width of the berm's footprint [m].
    distance_to_road_m : float
        Horizontal distance from the road axis to the foot of the berm on the road side [m].
    """

    height_m: float
    crest_width_m: float
    base_width_m: float
    distance_to_road_m: float

    @property
    def slope_width_m(self) -> float:
        """Horizontal extent of each side slope [m]."""
        return max(self.base_width_m - self.crest_width_m, 0.0) / 2.0

    @property
    def near_edge_m(self) -> float:
        """Distance from the road axis to the crest edge on the road side [m]."""
        return self.distance_to_road_m + self.slope_width_m

    @property
    def far_edge_m(self) -> float:
        """Distance from the road axis to the crest edge on the receiver side [m]."""
        return self.near_edge_m + self.crest_width_m

    @property
    def far_foot_m(self) -> float:
        """Distance from the road axis to the foot of the berm on the receiver side [m]."""
        return self.distance_to_road_m + self.base_width_m

    def outline(self) -> tuple[np.ndarray, np.ndarray]:
        """Polygon of the cross-section (x [m] from the road axis, y [m] above ground)."""
        x = [self.distance_to_road_m, self.near_edge_m, self.far_edge_m, self.far_foot_m]
        y = [0.0, self.height_m, self.height_m, 0.0]
        return np.array(x), np.array(y)


@dataclass(frozen=True)
class DiffractionPath:
    """Geometry of the path over the berm for one receiver."""

    z_m: float
    dss_m: float
    dsr_m: float
    d_m: float
    crest_width_m: float
    line_of_sight_broken: bool


def diffraction_path(
    berm: BermGeometry, source_height_m: float, receiver_distance_m: float, receiver_height_m: float
) -> DiffractionPath:
    """Path-length difference over the berm's crest (ISO 9613-2 eq. 16-17, ``a = 0``).

    Both crest edges break the line of sight: double diffraction,
    ``z = dss + e + dsr - d``. Only one does: single diffraction over it. Neither: the edge
    closest to the line of sight gives a negative ``z`` (no screening beyond -2 in
    :func:`barrier_dz`).

    Parameters
    ----------
    berm : BermGeometry
    source_height_m : float
        Height of the road source line above ground [m].
    receiver_distance_m : float
        Horizontal distance from the road axis to the receiver [m].
    receiver_height_m : float
        Receiver height above ground [m].
    """
    s = np.array([0.0, source_height_m])
    r = np.array([receiver_distance_m, receiver_height_m])
    e1 = np.array([berm.near_edge_m, berm.height_m])
    e2 = np.array([berm.far_edge_m, berm.height_m])
    d = float(np.linalg.norm(r - s))

    def above_sight_line(edge):
        y_line = s[1] + (r[1] - s[1]) * (edge[0] - s[0]) / (r[0] - s[0])
        return edge[1] > y_line

    b1, b2 = above_sight_line(e1), above_sight_line(e2)
    if b1 and b2 and berm.crest_width_m > 0:
        dss, dsr = float(np.linalg.norm(e1 - s)), float(np.linalg.norm(r - e2))
        return DiffractionPath(
            dss + berm.crest_width_m + dsr - d, dss, dsr, d, berm.crest_width_m, True
        )
    candidates = []
    for edge, blocks in ((e1, b1), (e2, b2)):
        dss, dsr = float(np.linalg.norm(edge - s)), float(np.linalg.norm(r - edge))
        extra = dss + dsr - d
        candidates.append((blocks, extra if blocks else -extra, dss, dsr))
    # the edge that screens most (largest signed z)
    blocks, z, dss, dsr = max(candidates, key=lambda c: c[1])
    return DiffractionPath(z, dss, dsr, d, 0.0, bool(blocks))


# ----------------------------------------------------------------------- spectrum, IL
def octave_spectrum(spectrum) -> np.ndarray:
    """A-weighted octave-band levels [dB(A)] of a third-octave spectrum, for
    :data:`OCTAVE_BANDS_HZ`; an octave without any third-octave value gets ``-inf`` (no
    energy).

    Parameters
    ----------
    spectrum : pandas.DataFrame
        Columns ``frequency_hz`` and ``value`` (relative A-weighted level per third octave
        [dB]), e.g. ``qsp_lib.evaluation.reference.traffic_noise_spectrum()``.

    References
    ----------
    EN 1793-3:1997, Table 1 (100 Hz-5 kHz).
    """
    level = dict(
        zip(spectrum["frequency_hz"].astype(float), spectrum["value"].astype(float), strict=True)
    )
    out = []
    for band in OCTAVE_BANDS_HZ:
        energy = sum(10 ** (level[f] / 10.0) for f in _THIRDS_OF_OCTAVE[band] if f in level)
        out.append(10.0 * math.log10(energy) if energy > 0 else -math.inf)
    return np.array(out)


def a_weighted_insertion_loss(band_loss_db, spectrum) -> float:
    """Single A-weighted insertion loss [dB(A)] from losses per octave band.

    ``IL_A = 10 lg Σ 10^(L_j/10) - 10 lg Σ 10^((L_j - IL_j)/10)`` with ``L_j`` the
    normalised traffic spectrum per octave (:func:`octave_spectrum`).

    Parameters
    ----------
    band_loss_db : array
        Insertion loss per band of :data:`OCTAVE_BANDS_HZ` [dB].
    spectrum : pandas.DataFrame
        Third-octave spectrum (``frequency_hz``, ``value``).

    References
    ----------
    EN 1793-3:1997 (normalised traffic noise spectrum as weighting).
    """
    return _a_weighted_loss(band_loss_db, octave_spectrum(spectrum))


def _a_weighted_loss(band_loss_db, lj) -> float:
    """:func:`a_weighted_insertion_loss` over octave levels ``lj`` already computed."""
    il = np.asarray(band_loss_db, dtype=float)
    ok = np.isfinite(lj)
    before = np.sum(10 ** (lj[ok] / 10.0))
    after = np.sum(10 ** ((lj[ok] - il[ok]) / 10.0))
    return float(10.0 * math.log10(before / after))


@dataclass(frozen=True)
class InsertionLoss:
    """Insertion loss of a berm at one receiver (:func:`berm_insertion_loss`).

    Attributes
    ----------
    insertion_loss_dba : float
        A-weighted insertion loss with the EN 1793-3 traffic spectrum [dB(A)].
    bands : DataFrame
        Per octave band: ``frequency_hz`` [Hz], ``dz_db``, ``agr_db``, ``abar_db`` [dB],
        ``spectrum_dba`` [dB(A)] (NaN where EN 1793-3 defines no energy).
    z_m : float
        Path length difference of the diffraction [m].
    kmet : float
        Meteorological correction factor Kmet [-].
    line_of_sight_broken : bool
        Whether the berm breaks the line of sight source-receiver.
    double : bool
        Double diffraction (a crest of non-zero width).
    """

    insertion_loss_dba: float
    bands: Any
    z_m: float
    kmet: float
    line_of_sight_broken: bool
    double: bool


def berm_insertion_loss(
    berm: BermGeometry,
    receiver_distance_m: float,
    receiver_height_m: float,
    spectrum,
    source_height_m: float = 0.5,
    g_source: float = 0.0,
    g_ground: float = 0.5,
):
    """Insertion loss of a berm for a receiver: per band and A-weighted.

    ``IL_j = Abar_j = max(Dz_j - Agr_j, 0)`` (ISO 9613-2 eq. 12): the berm's diffraction
    replaces the ground effect of the open field between road and receiver, which is
    lost (the berm stands where the ground attenuated). A-weighted with the EN 1793-3
    normalised traffic spectrum.

    Parameters
    ----------
    berm : BermGeometry
    receiver_distance_m : float
        Horizontal distance road axis - receiver [m]; beyond the berm's far foot.
    receiver_height_m : float
        Receiver height above ground [m].
    spectrum : pandas.DataFrame
        Third-octave traffic spectrum (``frequency_hz``, ``value``).
    source_height_m : float
        Height of the equivalent road source [m].
    g_source : float
        Ground factor of the source region (0: carriageway).
    g_ground : float
        Ground factor of the middle and receiver regions without the berm.

    Returns
    -------
    InsertionLoss

    References
    ----------
    ISO 9613-2:1996 §7.3.1, §7.4 ; EN 1793-3:1997.
    """
    import pandas as pd

    if receiver_distance_m <= berm.far_foot_m:
        raise ValueError(
            f"receiver at {receiver_distance_m} m must stand beyond the berm's far foot "
            f"({berm.far_foot_m} m from the road axis)"
        )
    f = np.array(OCTAVE_BANDS_HZ, dtype=float)
    path, k, dz, agr, abar = _band_terms(
        berm, receiver_distance_m, receiver_height_m, source_height_m, g_source, g_ground
    )
    lj = octave_spectrum(spectrum)
    bands = pd.DataFrame(
        {
            "frequency_hz": f.astype(int),
            "dz_db": dz,
            "agr_db": agr,
            "abar_db": abar,
            # NaN (shown "–") where EN 1793-3 defines no energy: 63 Hz and 8 kHz
            "spectrum_dba": np.where(np.isfinite(lj), lj, np.nan),
        }
    )
    return InsertionLoss(
        insertion_loss_dba=_a_weighted_loss(abar, lj),
        bands=bands,
        z_m=path.z_m,
        kmet=k,
        line_of_sight_broken=path.line_of_sight_broken,
        double=path.crest_width_m > 0,
    )


def _band_terms(berm, receiver_distance_m, receiver_height_m, source_height_m, g_source, g_ground):
    """Path, Kmet, Dz, Agr and Abar per octave band for one receiver in one vertical plane."""
    f = np.array(OCTAVE_BANDS_HZ, dtype=float)
    path = diffraction_path(berm, source_height_m, receiver_distance_m, receiver_height_m)
    k = kmet(path.dss_m, path.dsr_m, path.d_m, path.z_m)
    dz = barrier_dz(f, path.z_m, k, path.crest_width_m)
    agr = ground_attenuation(
        f, source_height_m, receiver_height_m, receiver_distance_m, g_source, g_ground, g_ground
    )
    return path, k, dz, agr, np.maximum(dz - agr, 0.0)


def insertion_loss_at(
    berm: BermGeometry,
    distances_m,
    heights_m,
    spectrum,
    source_height_m: float = 0.5,
    g_source: float = 0.0,
    g_ground: float = 0.5,
) -> np.ndarray:
    """A-weighted insertion loss [dB(A)] at each receiver (pairs of distance and height)."""
    return np.array(
        [
            berm_insertion_loss(
                berm, x, h, spectrum, source_height_m, g_source, g_ground
            ).insertion_loss_dba
            for x, h in zip(distances_m, heights_m, strict=True)
        ]
    )


def insertion_loss_grid(
    berm: BermGeometry,
    distances_m,
    heights_m,
    spectrum,
    source_height_m: float = 0.5,
    g_source: float = 0.0,
    g_ground: float = 0.5,
):
    """A-weighted insertion loss [dB(A)] over receiver distances and heights.

    Returns
    -------
    pandas.DataFrame
        Columns ``distance_m``, ``height_m``, ``insertion_loss_dba`` (one row per pair).
    """
    import pandas as pd

    # every height at the first distance, then at the next one
    d, h = np.meshgrid(
        np.asarray(distances_m, dtype=float), np.asarray(heights_m, dtype=float), indexing="ij"
    )
    d, h = d.ravel(), h.ravel()
    il = insertion_loss_at(berm, d, h, spectrum, source_height_m, g_source, g_ground)
    return pd.DataFrame({"distance_m": d, "height_m": h, "insertion_loss_dba": il})


# ------------------------------------------------------------ finite berm, other sources
def angle_of_view_share(distance_m, length_m, offset_m=0.0):
    """Share of an infinite straight road's sound energy that reaches a receiver through a
    segment of the road (the part a finite berm hides).

    An incoherent line source of constant power per metre, with spherical spreading from
    each element, gives at perpendicular distance ``d`` an intensity proportional to
    ``∫ dx / (d² + x²)``: each element weighs by the angle under which it is seen, and the
    whole road by π. A segment of length ``L`` whose centre lies ``o`` along the road from
    the receiver's foot is seen under ``atan((L/2 - o)/d) + atan((L/2 + o)/d)``; centred
    (``o = 0``) its share is ``(2/π) atan(L / (2 d))``. For ``|o| > L/2`` (receiver beyond an
    end) the same expression is the difference of the two angles.

    Ground and air absorption along the longer oblique paths are neglected (they would
    lower the weight of the far, unscreened ends): the share is an upper bound of the
    unscreened part, i.e. a prudent estimate of the berm's effect.

    Parameters
    ----------
    distance_m : float or array
        Perpendicular horizontal distance from the road axis to the receiver [m], > 0.
    length_m : float or array
        Length of the screened segment along the road [m] (``inf``: the whole road).
    offset_m : float or array
        Position of the segment's centre along the road relative to the receiver's foot [m]
        (0: the receiver faces the middle of the berm).

    Returns
    -------
    float or ndarray
        Screened share ``s`` of the road's energy [-], between 0 and 1.

    References
    ----------
    CRTN (Department of Transport, 1988), Chart 10 (angle-of-view correction
    ``10 lg(theta/180)``); ISO 9613-2:1996 §4 (a line source is divided into sections, each
    represented by a point source at its centre); NMPB 2008 (Sétra 2009) and CNOSSOS-EU
    (Directive (EU) 2015/996, annex II) for the segmentation of road line sources.
    """
    d = np.asarray(distance_m, dtype=float)
    if np.any(d <= 0):
        raise ValueError("distance_m : une distance à l'axe de la route strictement positive")
    half = np.asarray(length_m, dtype=float) / 2.0
    o = np.asarray(offset_m, dtype=float)
    # the limit of atan at inf is pi/2 (a berm of infinite length hides the whole road)
    share = (np.arctan((half - o) / d) + np.arctan((half + o) / d)) / math.pi
    share = np.clip(share, 0.0, 1.0)
    return share if share.ndim else float(share)


def level_sum(*levels_db):
    """Energetic sum of sound levels ``10 lg Σ 10^(L_i/10)`` [dB]; ``-inf`` is no source.

    Parameters
    ----------
    *levels_db : float or array
        Levels of incoherent sources [dB], broadcast together.

    References
    ----------
    ISO 9613-2:1996 eq. 5 (energetic summation over sources and paths).
    """
    arrays = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in levels_db))
    with np.errstate(divide="ignore"):
        out = 10.0 * np.log10(sum(10.0 ** (a / 10.0) for a in arrays))
    return out if out.ndim else float(out)


def level_difference(total_db, part_db):
    """Level of the rest of a total once a part is removed: ``10 lg(10^(Lt/10) -
    10^(Lp/10))`` [dB]; ``part_db = -inf`` leaves the total.

    Parameters
    ----------
    total_db : float or array
        Total level of all sources [dB].
    part_db : float or array
        Level of the part to remove [dB], strictly below the total.

    Raises
    ------
    ValueError
        When a part is not below its total (the rest would have no energy).

    References
    ----------
    ISO 9613-2:1996 eq. 5 (energetic summation), inverted.
    """
    t = np.asarray(total_db, dtype=float)
    p = np.asarray(part_db, dtype=float)
    if np.any(p >= t):
        raise ValueError(
            "le niveau des autres sources doit rester sous le niveau total "
            f"(reçu {np.max(p - t):+.1f} dB au-dessus)"
        )
    out = 10.0 * np.log10(10.0 ** (t / 10.0) - 10.0 ** (p / 10.0))
    return out if out.ndim else float(out)


def finite_berm_level(road_db, insertion_loss_db, screened_share, other_db=-np.inf):
    """Total level behind a finite berm: screened road, unscreened road ends, other sources.

    ``L_after = 10 lg[s 10^((L_road - IL)/10) + (1 - s) 10^(L_road/10) + 10^(L_other/10)]``

    Parameters
    ----------
    road_db : float or array
        Level of the screened road alone without the berm [dB].
    insertion_loss_db : float or array
        Insertion loss of the berm for the road in front of it [dB(A)]
        (:func:`berm_insertion_loss`).
    screened_share : float or array
        Share ``s`` of the road's energy coming through the berm's angle of view
        (:func:`angle_of_view_share`) [-].
    other_db : float or array
        Level of the sources the berm does not screen (other roads, local streets) [dB];
        ``-inf``: none.

    Returns
    -------
    float or ndarray
        Total level with the berm [dB].

    References
    ----------
    ISO 9613-2:1996 eq. 5 (energetic summation over paths) and §7.4 (barrier attenuation
    of the screened paths only); CRTN (1988) Chart 10 (angle of view).
    """
    road_after = np.asarray(road_db, dtype=float) - finite_berm_road_change(
        insertion_loss_db, screened_share
    )
    return level_sum(road_after, other_db)


def finite_berm_road_change(insertion_loss_db, screened_share):
    """Drop of the road's own level behind a finite berm [dB]:
    ``-10 lg[s 10^(-IL/10) + 1 - s]``, at most ``IL`` (``s = 1``) and at most
    ``-10 lg(1 - s)`` whatever the height of the berm.

    Parameters
    ----------
    insertion_loss_db : float or array
        Insertion loss for the road in front of the berm [dB(A)].
    screened_share : float or array
        Screened share of the road's energy [-] (:func:`angle_of_view_share`).

    References
    ----------
    CRTN (1988) Chart 10; ISO 9613-2:1996 eq. 5.
    """
    s = np.asarray(screened_share, dtype=float)
    il = np.asarray(insertion_loss_db, dtype=float)
    with np.errstate(divide="ignore"):  # s = 1 and IL = inf: the road is silenced, +inf
        out = -10.0 * np.log10(s * 10.0 ** (-il / 10.0) + (1.0 - s))
    return out if out.ndim else float(out)


# ------------------------------------------------------------ road as a line of sources
#: Largest angle [degrees] seen from the receiver that one road segment may span: each
#: segment stays short against its distance, as ISO 9613-2 §4 asks of the point sources
#: that stand for an extended source.
SEGMENT_MAX_ANGLE_DEG = 1.0


def single_edge(berm: BermGeometry) -> BermGeometry:
    """The same berm with its crest shrunk to one sharp edge at the crest's middle (single
    diffraction, ``C3 = 1``): the lower bound of its effect.

    References
    ----------
    ISO 9613-2:1996 §7.4 (C3 = 1 for single diffraction).
    """
    return BermGeometry(berm.height_m, 0.0, berm.base_width_m, berm.distance_to_road_m)


def oblique_section(berm: BermGeometry, cos_angle: float) -> BermGeometry:
    """The berm's cross-section in the vertical plane of a path that crosses it at
    ``angle`` from the perpendicular: every horizontal distance divided by ``cos(angle)``.

    Parameters
    ----------
    berm : BermGeometry
        Cross-section perpendicular to the road.
    cos_angle : float
        Cosine of the angle between the path (in plan) and the perpendicular to the road,
        in ``(0, 1]``.

    References
    ----------
    ISO 9613-2:1996 §7.4 (path difference in the vertical plane through source and
    receiver, lateral term ``a = 0`` for a long straight edge); NMPB 2008 / CNOSSOS-EU
    annex II §2.5 (propagation computed in the vertical plane of each path).
    """
    c = float(cos_angle)
    return BermGeometry(
        berm.height_m, berm.crest_width_m / c, berm.base_width_m / c, berm.distance_to_road_m / c
    )


@dataclass(frozen=True)
class LineSourceLoss:
    """Insertion loss of a finite berm for a road seen as a line of point sources
    (:func:`line_source_insertion_loss`).

    Attributes
    ----------
    screened_il_dba : float
        A-weighted insertion loss on the road segments whose path crosses the berm [dB(A)].
    road_change_dba : float
        ``L(without) - L(with)`` of the whole road, unscreened ends included [dB(A)].
    screened_share : float
        Share of the road's energy (without berm) coming from the screened segments [-].
    road_change_cap_dba : float
        Drop of the whole road's level for an infinitely high berm, ``-10 lg(1 - s)``
        [dB(A)] (``inf`` when the whole road is screened).
    segments : DataFrame
        Per segment: ``angle_deg`` (from the perpendicular, at its middle), ``weight`` (its
        share of the road's energy), ``screened`` (bool), ``il_dba`` (its own insertion
        loss, 0 when unscreened) [dB(A)].
    """

    screened_il_dba: float
    road_change_dba: float
    screened_share: float
    road_change_cap_dba: float
    segments: Any


def _angle_edges(lo: float, hi: float, max_step: float) -> np.ndarray:
    """Equal steps from ``lo`` to ``hi`` [rad], none wider than ``max_step``."""
    if hi <= lo:
        return np.array([])
    n = max(int(math.ceil((hi - lo) / max_step)), 1)
    return np.linspace(lo, hi, n + 1)


def line_source_insertion_loss(
    berm: BermGeometry,
    berm_length_m: float,
    receiver_distance_m: float,
    receiver_height_m: float,
    spectrum,
    road_length_m: float = math.inf,
    offset_m: float = 0.0,
    source_height_m: float = 0.5,
    g_source: float = 0.0,
    g_ground: float = 0.5,
    max_angle_deg: float = SEGMENT_MAX_ANGLE_DEG,
) -> LineSourceLoss:
    """Insertion loss of a finite berm for a straight road treated as a line of incoherent
    point sources, each segment with its own path over the berm.

    The road (length ``road_length_m``, centred on the berm) is cut into segments seen from
    the receiver under equal angles (at most ``max_angle_deg``); a segment of constant power
    per metre seen under ``dθ`` brings an energy proportional to ``dθ`` (``dx / r²`` with
    ``x = D tan θ``: spherical spreading). A segment whose path, in plan, crosses the
    berm's crest line between its ends is screened: its path difference is taken in the
    vertical plane of the path (:func:`oblique_section`), with Dz (C2 = 20, C3 of the crest,
    Kmet) replacing the ground effect of the open field (``Abar = max(Dz - Agr, 0)``, as in
    :func:`berm_insertion_loss`); the others are not. Per octave band and segment the
    energies are summed with and without the berm, weighted by the EN 1793-3 spectrum:
    ``IL = 10 lg Σ w_k Σ_j 10^(L_j/10) - 10 lg Σ w_k Σ_j 10^((L_j - Abar_jk)/10)``.

    Parameters
    ----------
    berm : BermGeometry
        Cross-section (a crest of width ``e`` > 0: double diffraction; 0: single edge).
    berm_length_m : float
        Length of the berm along the road [m] (``inf``: a berm as long as the road).
    receiver_distance_m, receiver_height_m : float
        Receiver's perpendicular distance to the road axis and height [m].
    spectrum : pandas.DataFrame
        Third-octave traffic spectrum (``frequency_hz``, ``value``).
    road_length_m : float
        Length of the straight road seen by the receiver, centred on the berm [m].
    offset_m : float
        Position of the berm's centre along the road from the receiver's foot [m].
    source_height_m, g_source, g_ground : float
        As :func:`berm_insertion_loss`.
    max_angle_deg : float
        Widest angle of one segment seen from the receiver [degrees].

    Returns
    -------
    LineSourceLoss

    Notes
    -----
    Spreading uses the horizontal distance (source and receiver heights are small against
    it); air absorption, the same with and without the berm, is left out, which gives the
    far unscreened segments their full weight (a prudent estimate of the berm's effect).
    The berm's ends are cut square at the crest line: paths that cross only an end slope
    count as unscreened.

    References
    ----------
    ISO 9613-2:1996 §4 (an extended source split into point sources at the centre of
    sections small against the distance), §7.4 (eq. 12-18); NMPB 2008 (Sétra 2009) and
    Directive (EU) 2015/996 (CNOSSOS-EU) annex II §2.5 (segmentation of road sources);
    EN 1793-3:1997 (traffic spectrum).
    """
    import pandas as pd

    d = float(receiver_distance_m)
    if d <= berm.far_foot_m:
        raise ValueError(
            f"receiver at {d} m must stand beyond the berm's far foot "
            f"({berm.far_foot_m} m from the road axis)"
        )
    crest = (berm.near_edge_m + berm.far_edge_m) / 2.0
    half_road, half_berm = float(road_length_m) / 2.0, float(berm_length_m) / 2.0
    road_lo = math.atan((offset_m - half_road) / d)
    road_hi = math.atan((offset_m + half_road) / d)
    # angles of the berm's ends seen from the receiver on the crest line, within the road
    berm_lo = min(max(math.atan((offset_m - half_berm) / (d - crest)), road_lo), road_hi)
    berm_hi = min(max(math.atan((offset_m + half_berm) / (d - crest)), road_lo), road_hi)
    step = math.radians(max_angle_deg)
    rows = []
    lj = octave_spectrum(spectrum)
    ok = np.isfinite(lj)
    for lo, hi, screened in (
        (road_lo, berm_lo, False),
        (berm_lo, berm_hi, True),
        (berm_hi, road_hi, False),
    ):
        edges = _angle_edges(lo, hi, step)
        for a, b in zip(edges[:-1], edges[1:], strict=True):
            mid = (a + b) / 2.0
            abar = np.zeros(len(OCTAVE_BANDS_HZ))
            if screened:
                c = math.cos(mid)
                abar = _band_terms(
                    oblique_section(berm, c),
                    d / c,
                    receiver_height_m,
                    source_height_m,
                    g_source,
                    g_ground,
                )[4]
            rows.append((math.degrees(mid), b - a, screened, abar))
    weight = np.array([r[1] for r in rows])
    weight = weight / weight.sum()
    screened = np.array([r[2] for r in rows], dtype=bool)
    abar = np.array([r[3] for r in rows])
    e_without = weight * np.sum(10.0 ** (lj[ok] / 10.0))
    e_with = weight * np.sum(10.0 ** ((lj[ok] - abar[:, ok]) / 10.0), axis=1)
    seg_il = 10.0 * np.log10(e_without / e_with)
    share = float(weight[screened].sum())
    with np.errstate(divide="ignore"):
        screened_il = (
            float(10.0 * np.log10(e_without[screened].sum() / e_with[screened].sum()))
            if screened.any()
            else 0.0
        )
        cap = float(-10.0 * np.log10(max(1.0 - share, 0.0)))
    return LineSourceLoss(
        screened_il_dba=screened_il,
        road_change_dba=float(10.0 * np.log10(e_without.sum() / e_with.sum())),
        screened_share=share,
        road_change_cap_dba=cap,
        segments=pd.DataFrame(
            {
                "angle_deg": [r[0] for r in rows],
                "weight": weight,
                "screened": screened,
                "il_dba": seg_il,
            }
        ),
    )
