# The types of the front door: the one place its names are written (see __init__.py).

from socialvalue import (
    additionality as additionality,
    batch as batch,
    commitments as commitments,
    compare as compare,
    crosswalk as crosswalk,
    deliveries as deliveries,
    derived as derived,
    discounting as discounting,
    evidence as evidence,
    exceptions as exceptions,
    frames as frames,
    framework as framework,
    indicators as indicators,
    io as io,
    methodology as methodology,
    money as money,
    periods as periods,
    prices as prices,
    procurement as procurement,
    provenance as provenance,
    proxies as proxies,
    ranges as ranges,
    report as report,
    rollup as rollup,
    tabular as tabular,
    testing as testing,
    tracking as tracking,
    uncertainty as uncertainty,
    units as units,
    unvalued as unvalued,
    valuation as valuation,
    wellbeing as wellbeing,
)
from socialvalue._shipped_cache import default_methodology as default_methodology
from socialvalue.additionality import (
    Additionality as Additionality,
)
from socialvalue.batch import (
    ValuationBatch as ValuationBatch,
    value_many as value_many,
)
from socialvalue.commitments import (
    Commitment as Commitment,
    CommitmentSet as CommitmentSet,
    ProgressUpdate as ProgressUpdate,
)
from socialvalue.deliveries import (
    Cost as Cost,
    Delivery as Delivery,
    DeliverySet as DeliverySet,
)
from socialvalue.discounting import (
    DiscountSchedule as DiscountSchedule,
)
from socialvalue.exceptions import (
    DataFileError as DataFileError,
    FloatNotAllowedError as FloatNotAllowedError,
    SocialValueError as SocialValueError,
    UnknownCodeError as UnknownCodeError,
    ValidationError as ValidationError,
)
from socialvalue.framework import (
    Framework as Framework,
    Measure as Measure,
    Outcome as Outcome,
    Theme as Theme,
)
from socialvalue.io import (
    load_framework as load_framework,
    load_methodology as load_methodology,
    load_registry as load_registry,
    read_returns as read_returns,
    save_methodology as save_methodology,
)
from socialvalue.methodology import (
    Methodology as Methodology,
)
from socialvalue.money import (
    Money as Money,
)
from socialvalue.periods import (
    AcademicYear as AcademicYear,
    CalendarYear as CalendarYear,
    FinancialQuarter as FinancialQuarter,
    FinancialYear as FinancialYear,
    Period as Period,
    parse_period as parse_period,
)
from socialvalue.prices import (
    PriceIndex as PriceIndex,
)
from socialvalue.provenance import (
    Source as Source,
)
from socialvalue.proxies import (
    ProxyRegistry as ProxyRegistry,
    ProxyValue as ProxyValue,
)
from socialvalue.rollup import (
    Rollup as Rollup,
)
from socialvalue.tracking import (
    track as track,
)
from socialvalue.units import (
    Unit as Unit,
)
from socialvalue.valuation import (
    UnitValue as UnitValue,
    Valuation as Valuation,
    ValuationKey as ValuationKey,
    unit_value as unit_value,
    value as value,
)

__version__: str
