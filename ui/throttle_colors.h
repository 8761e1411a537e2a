#pragma once
// The colours that tell the two kinds of throttling apart (capacity/throttle_kind.h) in every
// view: the heat map's strip, the capacity chart's bars and the classroom's step-through.

#include <QColor>

#include "capacity/throttle_kind.h"

namespace shardscape {

// A hot partition (KeyRangeThroughputExceeded): indigo.
inline QColor hotPartitionColor() {
    return QColor("#3b1f8f");
}
// The table's (or index's) capacity (ProvisionedThroughputExceeded, ...): teal.
inline QColor tableCapacityColor() {
    return QColor("#0b7285");
}
inline QColor throttleKindColor(ThrottleKind kind) {
    return kind == ThrottleKind::HotPartition ? hotPartitionColor() : tableCapacityColor();
}
// Throttles whose source does not tell the kinds apart: grey.
inline QColor throttleUnknownColor() {
    return QColor("#4d4d4d");
}

}  // namespace shardscape
