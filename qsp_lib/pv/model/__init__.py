"""Models of the PV analysis: the plant's yield, economics and carbon on pvlib
(:mod:`.system`) and the typical weather year generated from a climatology (:mod:`.weather`)."""
