"""Models of the PV analysis, one module per concern, gathered in two namespaces:

- :mod:`.system` (``import system as pv``): :mod:`.arrays`, :mod:`.chain` (the yield on
  pvlib), :mod:`.economics`, :mod:`.carbon`, :mod:`.self_consumption`, :mod:`.uncertainty`;
- :mod:`.weather` (``import weather as wx``): the typical weather year generated from a
  climatology, :mod:`.climatology`, :mod:`.sunshine`, :mod:`.clearness`, :mod:`.decomposition`.
"""
