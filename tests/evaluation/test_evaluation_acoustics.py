"""Berm acoustics: ISO 9613-2 §7.4 barrier attenuation against hand computations of the
standard's formulas, per band and with the caps; the EN 1793-3 spectrum; the insertion loss."""

import math

import numpy as np
import pytest

from qsp_lib.evaluation import reference
from qsp_lib.evaluation.model import acoustics

BANDS = np.array([125, 250, 500, 1000, 2000])


def test_worked_example_single_edge_per_band():
    # health.md worked example of ISO 9613-2 eq. 14: z = 0.5 m, dss 20 m, dsr 60 m, d 79 m,
    # single edge, C2 = 20 -> about 7.9 / 9.7 / 11.9 / 14.5 / 17.3 dB at 125 Hz-2 kHz
    k = acoustics.kmet(20, 60, 79, 0.5)
    assert k == pytest.approx(math.exp(-math.sqrt(20 * 60 * 79 / (2 * 0.5)) / 2000))
    dz = acoustics.barrier_dz(BANDS, 0.5, k, crest_width_m=0.0)
    assert dz == pytest.approx([7.9, 9.7, 11.9, 14.5, 17.3], abs=0.05)


def test_hand_computation_at_one_kilohertz():
    # by hand: lambda = 340/1000 = 0.34 m; Kmet = exp(-sqrt(94800)/2000) = 0.8573;
    # Dz = 10 lg(3 + 20/0.34 x 1 x 0.5 x 0.8573) = 10 lg(28.21) = 14.50 dB
    assert acoustics.barrier_dz([1000], 0.5, 0.8573, 0.0)[0] == pytest.approx(14.50, abs=0.01)


def test_c3_for_a_wide_crest():
    # ISO 9613-2 eq. 15 by hand: e = 10 m, f = 500 Hz: lambda = 0.68 m, 5 lambda / e = 0.34,
    # C3 = (1 + 0.1156) / (1/3 + 0.1156) = 2.486; very wide crest -> 3; thin -> 1
    assert acoustics.c3_wide_crest(500, 10.0) == pytest.approx(1.1156 / (1 / 3 + 0.1156))
    assert acoustics.c3_wide_crest(8000, 1000.0) == pytest.approx(3.0, abs=1e-3)
    assert acoustics.c3_wide_crest(500, 0.0) == pytest.approx(1.0)


def test_double_diffraction_by_hand():
    # e = 5 m, z = 1 m, Kmet = 1, 250 Hz: lambda = 1.36, 5 lambda/e = 1.36,
    # C3 = (1 + 1.8496) / (1/3 + 1.8496) = 1.3053; Dz = 10 lg(3 + 20/1.36 x 1.3053 x 1) = 13.46
    c3 = (1 + 1.36**2) / (1 / 3 + 1.36**2)
    expected = 10 * math.log10(3 + 20 / 1.36 * c3)
    assert acoustics.barrier_dz([250], 1.0, 1.0, 5.0)[0] == pytest.approx(expected, abs=1e-9)
    assert expected == pytest.approx(13.46, abs=0.01)


def test_caps_20_db_single_and_25_db_double():
    # ISO 9613-2 §7.4: Dz <= 20 dB (single), <= 25 dB (double diffraction). At 4 kHz with
    # z = 5 m: 10 lg(3 + 20/0.085 x 5) = 30.7 dB uncapped
    assert 10 * math.log10(3 + 20 / 0.085 * 5) > 30
    assert acoustics.barrier_dz([4000], 5.0, 1.0, 0.0)[0] == pytest.approx(20.0)
    assert acoustics.barrier_dz([4000], 5.0, 1.0, 2.0)[0] == pytest.approx(25.0)
    # below the cap nothing is clipped: 63 Hz, z = 0.1 m -> 10 lg(3 + 20/5.397 x 0.1) = 5.28
    assert acoustics.barrier_dz([63], 0.1, 1.0, 0.0)[0] == pytest.approx(
        10 * math.log10(3 + 20 / (340 / 63) * 0.1)
    )


def test_line_of_sight_not_broken():
    # z = 0: Dz = 10 lg 3 = 4.77 dB (grazing incidence); strongly negative: no effect
    assert acoustics.barrier_dz([1000], 0.0, 1.0)[0] == pytest.approx(10 * math.log10(3))
    assert acoustics.barrier_dz([1000], -1.0, 1.0)[0] == 0.0
    assert acoustics.kmet(10, 10, 20, -0.2) == 1.0


def test_ground_attenuation_hard_ground_by_hand():
    # ISO 9613-2 Table 3 with G = 0 everywhere: As = Ar = -1.5 dB in every band; the middle
    # region exists when dp > 30 (hs + hr): q = 1 - 30 (hs + hr) / dp, Am = -3q.
    f = acoustics.OCTAVE_BANDS_HZ
    agr = acoustics.ground_attenuation(f, 0.5, 4.0, 100.0, 0.0, 0.0, 0.0)
    assert agr == pytest.approx([-3.0] * 8)  # dp = 100 < 135: q = 0
    agr = acoustics.ground_attenuation(f, 0.5, 4.0, 300.0, 0.0, 0.0, 0.0)
    assert agr == pytest.approx([-3.0 - 3 * (1 - 135 / 300)] * 8)


def test_ground_attenuation_porous_ground_by_hand():
    # G = 1, hs = hr = 1 m, dp = 200 m: Table 3 functions written out by hand
    dp, h = 200.0, 1.0
    fade = 1 - math.exp(-dp / 50)
    a = (
        1.5
        + 3.0 * math.exp(-0.12 * 16) * fade
        + 5.7 * math.exp(-0.09) * (1 - math.exp(-2.8e-6 * dp**2))
    )
    b = 1.5 + 8.6 * math.exp(-0.09) * fade
    c = 1.5 + 14.0 * math.exp(-0.46) * fade
    d = 1.5 + 5.0 * math.exp(-0.9) * fade
    q = 1 - 30 * 2 / dp
    am_low, am_high = -3 * q, 0.0  # 63 Hz: -3q whatever G; above: -3q (1 - Gm) = 0
    expected = [
        2 * -1.5 + am_low,
        2 * (-1.5 + a) + am_high,
        2 * (-1.5 + b) + am_high,
        2 * (-1.5 + c) + am_high,
        2 * (-1.5 + d) + am_high,
        0.0,
        0.0,
        0.0,
    ]
    agr = acoustics.ground_attenuation(acoustics.OCTAVE_BANDS_HZ, h, h, dp, 1.0, 1.0, 1.0)
    assert agr == pytest.approx(expected)


def test_en_1793_3_spectrum_octaves_and_normalisation():
    spectrum = reference.traffic_noise_spectrum()
    assert len(spectrum) == 18  # third octaves 100 Hz - 5 kHz (EN 1793-3:1997, Table 1)
    total = 10 * math.log10(np.sum(10 ** (spectrum["value"] / 10)))
    assert total == pytest.approx(0.0, abs=0.2)  # normalised to 0 dB(A)
    octaves = acoustics.octave_spectrum(spectrum)
    # ISO 717-1:2013 Table A.2, spectrum No. 2 (the same traffic spectrum), octave values
    assert np.round(octaves[1:6]) == pytest.approx([-14, -10, -7, -4, -6])
    assert np.isinf(octaves[0]) and np.isinf(octaves[7])  # 63 Hz and 8 kHz: not defined


def test_a_weighted_insertion_loss():
    spectrum = reference.traffic_noise_spectrum()
    assert acoustics.a_weighted_insertion_loss([10.0] * 8, spectrum) == pytest.approx(10.0)
    # loss only at 1 kHz (-3.87 dB(A) of the 0.16 dB(A) total): by hand
    lj = acoustics.octave_spectrum(spectrum)[1:7]
    loss = np.array([0, 0, 0, 10, 0, 0.0])
    expected = 10 * math.log10(np.sum(10 ** (lj / 10)) / np.sum(10 ** ((lj - loss) / 10)))
    il = acoustics.a_weighted_insertion_loss([0, 0, 0, 0, 10, 0, 0, 0], spectrum)
    assert il == pytest.approx(expected)


def test_berm_path_geometry_by_hand():
    # berm 10 m high, 10 m crest, 60 m base, foot at 20 m: edges at (45, 10) and (55, 10);
    # source (0, 0.5), receiver (120, 4)
    berm = acoustics.BermGeometry(10, 10, 60, 20)
    assert (berm.near_edge_m, berm.far_edge_m, berm.far_foot_m) == (45, 55, 80)
    p = acoustics.diffraction_path(berm, 0.5, 120, 4.0)
    dss = math.hypot(45, 9.5)
    dsr = math.hypot(65, 6)
    d = math.hypot(120, 3.5)
    assert p.z_m == pytest.approx(dss + 10 + dsr - d)
    assert p.line_of_sight_broken and p.crest_width_m == 10
    # a receiver high enough to see over the near edge but not the far one: single edge
    p = acoustics.diffraction_path(berm, 0.5, 90, 19.0)
    assert p.crest_width_m == 0.0


def test_insertion_loss_replaces_the_ground_effect():
    spectrum = reference.traffic_noise_spectrum()
    berm = acoustics.BermGeometry(10, 10, 60, 20)
    res = acoustics.berm_insertion_loss(berm, 120, 4.0, spectrum, 0.5, 0.0, 1.0)
    bands = res.bands
    # ISO 9613-2 eq. 12: Abar = Dz - Agr (never negative)
    assert bands["abar_db"].to_numpy() == pytest.approx(
        np.maximum(bands["dz_db"] - bands["agr_db"], 0)
    )
    assert res.double and bands["dz_db"].max() <= 25.0
    # porous ground attenuated more without the berm: a smaller gain than on hard ground
    hard = acoustics.berm_insertion_loss(berm, 120, 4.0, spectrum, 0.5, 0.0, 0.0)
    assert res.insertion_loss_dba < hard.insertion_loss_dba
    # higher receivers see over the crest: the gain falls
    high = acoustics.berm_insertion_loss(berm, 100, 25.0, spectrum, 0.5, 0.0, 1.0)
    assert high.insertion_loss_dba < res.insertion_loss_dba - 5


def test_order_of_magnitude_of_a_small_measured_berm():
    # health.md: a 1.65 m berm measured 11.6 dB at 28 m (scale of French practice 8-15 dB(A));
    # the geometry beyond height and distance is assumed here, hence a loose tolerance
    spectrum = reference.traffic_noise_spectrum()
    berm = acoustics.BermGeometry(1.65, 0.5, 4.0, 5.0)
    il = acoustics.berm_insertion_loss(berm, 28, 1.5, spectrum, 0.5, 0.0, 0.0)
    assert il.insertion_loss_dba == pytest.approx(11.6, abs=2.5)


def test_receiver_on_the_berm_is_refused():
    berm = acoustics.BermGeometry(10, 10, 60, 20)
    with pytest.raises(ValueError, match="far foot"):
        acoustics.berm_insertion_loss(berm, 70, 4.0, reference.traffic_noise_spectrum())


def test_grid_and_points_agree():
    spectrum = reference.traffic_noise_spectrum()
    berm = acoustics.BermGeometry(10, 10, 60, 20)
    grid = acoustics.insertion_loss_grid(berm, [100, 200], [4.0], spectrum)
    pts = acoustics.insertion_loss_at(berm, [100, 200], [4.0, 4.0], spectrum)
    assert grid["insertion_loss_dba"].to_numpy() == pytest.approx(pts)


# ------------------------------------------------- finite berm: angle of view, other sources
def test_angle_of_view_share_by_hand():
    # centred segment: (2/pi) atan(L / 2d); L = 800 m, d = 100 m -> (2/pi) atan(4) = 0.8440
    assert acoustics.angle_of_view_share(100, 800) == pytest.approx(0.8440, abs=1e-4)
    assert 2 / math.pi * math.atan(4) == pytest.approx(0.8440, abs=1e-4)
    # CRTN (1988) Chart 10: a segment seen under 90 deg of 180 -> 10 lg(90/180) = -3.0 dB;
    # a centred segment of length 2d is seen under 2 atan(1) = 90 deg
    share = acoustics.angle_of_view_share(50, 100)
    assert share == pytest.approx(0.5)
    assert 10 * math.log10(share) == pytest.approx(-3.01, abs=0.01)
    # receiver facing one end (offset L/2): atan(0) + atan(800/100) over pi = 0.4604
    assert acoustics.angle_of_view_share(100, 800, 400) == pytest.approx(
        math.atan(8) / math.pi, abs=1e-12
    )
    assert math.atan(8) / math.pi == pytest.approx(0.4604, abs=1e-4)
    # beyond the end (offset 600 m): difference of the angles, (atan 10 - atan 2) / pi
    assert acoustics.angle_of_view_share(100, 800, -600) == pytest.approx(
        (math.atan(10) - math.atan(2)) / math.pi
    )
    # infinitely long berm hides the whole road; vectorised over zones
    assert acoustics.angle_of_view_share(100, math.inf) == 1.0
    shares = acoustics.angle_of_view_share(np.array([100.0, 400.0]), 800)
    assert shares == pytest.approx([0.8440, 2 / math.pi * math.atan(1)], abs=1e-4)
    with pytest.raises(ValueError, match="strictement positive"):
        acoustics.angle_of_view_share(0, 800)


def test_energetic_sum_and_difference_by_hand():
    # two equal incoherent sources: +3.01 dB; 60 and 50 dB: 10 lg(10^6 + 10^5) = 60.41 dB
    assert acoustics.level_sum(60, 60) == pytest.approx(63.0103, abs=1e-4)
    assert acoustics.level_sum(60, 50) == pytest.approx(60.4139, abs=1e-4)
    assert acoustics.level_sum(60, -math.inf) == pytest.approx(60.0)
    assert acoustics.level_difference(63.0103, 60) == pytest.approx(60.0, abs=1e-3)
    assert acoustics.level_difference(60.4139, 50) == pytest.approx(60.0, abs=1e-3)
    assert acoustics.level_difference(60, -math.inf) == pytest.approx(60.0)
    with pytest.raises(ValueError, match="sous le niveau total"):
        acoustics.level_difference(55, 55)


def test_finite_berm_level_by_hand():
    # road 70 dB, IL 20 dB, s = 0.844 (800 m at 100 m): 10 lg(0.844 x 0.01 + 0.156) = -7.84 dB
    road_only = acoustics.finite_berm_level(70, 20, 0.844)
    assert road_only == pytest.approx(70 + 10 * math.log10(0.00844 + 0.156), abs=1e-9)
    assert road_only == pytest.approx(62.16, abs=0.01)
    assert acoustics.finite_berm_road_change(20, 0.844) == pytest.approx(7.84, abs=0.01)
    # plus 50 dB of other sources: 10 lg(10^6.216 + 10^5) = 62.42 dB
    assert acoustics.finite_berm_level(70, 20, 0.844, 50) == pytest.approx(62.42, abs=0.01)
    # whatever the berm's height, the unscreened ends cap the road's drop at -10 lg(1 - s)
    assert acoustics.finite_berm_road_change(math.inf, 0.844) == pytest.approx(
        -10 * math.log10(0.156)
    )
    # an infinitely long berm (s = 1) gives back the insertion loss
    assert acoustics.finite_berm_level(70, 20, 1.0) == pytest.approx(50.0)


def test_other_sources_dominating_the_berm_changes_almost_nothing():
    # road 50 dB behind 60 dB of other sources: total 60.41 dB; even an infinitely long
    # berm removing 20 dB from the road leaves 10 lg(10^3 + 10^6) = 60.004 dB
    after = acoustics.finite_berm_level(50, 20, 1.0, 60)
    assert after == pytest.approx(60.004, abs=1e-3)
    assert acoustics.level_sum(50, 60) - after == pytest.approx(0.41, abs=0.01)


# ------------------------------------------------------------- road as a line of sources
CONCORDE_BERM = acoustics.BermGeometry(10.0, 10.0, 60.0, 20.0)  # crest line 50 m from the axis
G = {"source_height_m": 0.5, "g_source": 0.0, "g_ground": 1.0}


def test_oblique_path_difference_by_hand_in_three_dimensions():
    # source on the road 100 m along it, receiver 120 m from the axis, 4 m high; the plan
    # line S-R crosses the crest edges (45 m and 55 m from the axis) at 45/120 and 55/120
    # of the way: z = |S E1| + |E1 E2| + |E2 R| - |S R| in three dimensions
    s, r = np.array([100.0, 0.0, 0.5]), np.array([0.0, 120.0, 4.0])

    def at(y):
        p = s + (r - s) * (y / 120.0)
        return np.array([p[0], p[1], 10.0])

    e1, e2 = at(45.0), at(55.0)
    z = (
        np.linalg.norm(e1 - s)
        + np.linalg.norm(e2 - e1)
        + np.linalg.norm(r - e2)
        - np.linalg.norm(r - s)
    )
    c = 120.0 / math.hypot(120.0, 100.0)
    path = acoustics.diffraction_path(
        acoustics.oblique_section(CONCORDE_BERM, c), 0.5, 120.0 / c, 4.0
    )
    assert path.z_m == pytest.approx(z, rel=1e-9)
    assert path.crest_width_m == pytest.approx(10.0 / c)


def test_line_source_finite_barrier_against_hand_integration():
    # independent quadrature: 5 m steps along the road (not equal angles), each element a
    # point source of weight dx / r², screened when its plan path crosses the crest line
    # (50 m from the axis) within the berm's 800 m; ISO 9613-2 in the oblique section
    spectrum = reference.traffic_noise_spectrum()
    d, h, half_berm, half_road, dx = 120.0, 4.0, 400.0, 1000.0, 5.0
    lj = acoustics.octave_spectrum(spectrum)
    ok = np.isfinite(lj)
    e0 = np.sum(10 ** (lj[ok] / 10))
    without = with_ = scr_without = scr_with = 0.0
    for x in np.arange(-half_road + dx / 2, half_road, dx):
        r = math.hypot(d, x)
        w = dx / r**2
        without += w * e0
        if abs(x) * (d - 50.0) / d <= half_berm:
            k = r / d
            section = acoustics.BermGeometry(10.0, 10.0 * k, 60.0 * k, 20.0 * k)
            abar = acoustics.berm_insertion_loss(section, r, h, spectrum, **G).bands["abar_db"]
            e = w * np.sum(10 ** ((lj[ok] - abar.to_numpy()[ok]) / 10))
            with_ += e
            scr_without += w * e0
            scr_with += e
        else:
            with_ += w * e0
    got = acoustics.line_source_insertion_loss(
        CONCORDE_BERM, 800.0, d, h, spectrum, road_length_m=2000.0, **G
    )
    assert got.screened_share == pytest.approx(scr_without / without, abs=2e-3)
    assert got.screened_il_dba == pytest.approx(10 * math.log10(scr_without / scr_with), abs=0.02)
    assert got.road_change_dba == pytest.approx(10 * math.log10(without / with_), abs=0.02)
    # an infinitely high berm leaves the unscreened ends: -10 lg(1 - s)
    assert got.road_change_cap_dba == pytest.approx(-10 * math.log10(1 - got.screened_share))
    # the oblique segments screen less than the perpendicular path
    perpendicular = acoustics.berm_insertion_loss(CONCORDE_BERM, d, h, spectrum, **G)
    assert got.screened_il_dba < perpendicular.insertion_loss_dba - 2


def test_line_source_infinite_barrier_limit():
    spectrum = reference.traffic_noise_spectrum()
    endless = acoustics.line_source_insertion_loss(
        CONCORDE_BERM, math.inf, 120.0, 4.0, spectrum, **G
    )
    # a berm as long as an endless road screens all of it: nothing left unscreened
    assert endless.screened_share == pytest.approx(1.0)
    assert endless.road_change_dba == pytest.approx(endless.screened_il_dba)
    assert math.isinf(endless.road_change_cap_dba)
    very_long = acoustics.line_source_insertion_loss(CONCORDE_BERM, 1e7, 120.0, 4.0, spectrum, **G)
    assert very_long.screened_il_dba == pytest.approx(endless.screened_il_dba, abs=0.05)
    assert very_long.screened_share == pytest.approx(1.0, abs=1e-4)


def test_line_source_perpendicular_case_reproduces_the_section_value():
    # a road of 1 cm facing the receiver: one path, the perpendicular one
    spectrum = reference.traffic_noise_spectrum()
    for berm in (CONCORDE_BERM, acoustics.single_edge(CONCORDE_BERM)):
        short = acoustics.line_source_insertion_loss(
            berm, 800.0, 120.0, 4.0, spectrum, road_length_m=0.01, **G
        )
        section = acoustics.berm_insertion_loss(berm, 120.0, 4.0, spectrum, **G)
        assert short.screened_il_dba == pytest.approx(section.insertion_loss_dba, abs=1e-6)
        assert short.screened_share == pytest.approx(1.0)


def test_single_edge_at_the_crest_middle_and_bounds_ordered():
    edge = acoustics.single_edge(CONCORDE_BERM)
    assert edge.crest_width_m == 0 and edge.near_edge_m == pytest.approx(50.0)
    spectrum = reference.traffic_noise_spectrum()
    single, double = (
        acoustics.line_source_insertion_loss(b, 800.0, 120.0, 4.0, spectrum, 2000.0, **G)
        for b in (edge, CONCORDE_BERM)
    )
    perpendicular = acoustics.berm_insertion_loss(CONCORDE_BERM, 120.0, 4.0, spectrum, **G)
    assert single.screened_il_dba < double.screened_il_dba < perpendicular.insertion_loss_dba
    # the same segments are screened whatever the crest (crest line at its middle)
    assert single.screened_share == pytest.approx(double.screened_share)


def test_line_source_receiver_on_the_berm_is_refused():
    with pytest.raises(ValueError, match="far foot"):
        acoustics.line_source_insertion_loss(
            CONCORDE_BERM, 800.0, 70.0, 4.0, reference.traffic_noise_spectrum()
        )
