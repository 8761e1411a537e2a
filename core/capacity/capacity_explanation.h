#pragma once
// One line that says why a request consumed the capacity it did, from the request and
// DynamoDB's response (which must carry ConsumedCapacity), e.g.
//   "3 items, 9.2 KB read, rounded up to 12 KB = 3 × 4 KB, eventually consistent (half)
//    → 1.5 RCU"

#include <string>
#include <string_view>

#include "values/attribute_json.h"

namespace shardscape {

std::string explainConsumedCapacity(std::string_view operation, const Json& request,
                                    const Json& response);

}  // namespace shardscape
