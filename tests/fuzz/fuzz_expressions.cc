// libFuzzer target for the expression parser and evaluator. The first byte picks the kind
// ('0' condition, '1' filter, '2' key condition, '3' projection, '4' update); the rest is
// the expression text.
// Whatever parses is evaluated on a fixed item; an update's result must still be a valid
// item (it survives the DynamoDB JSON codec unchanged), which catches e.g. empty sets.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "expressions/expression.h"
#include "expressions/expression_evaluator.h"
#include "values/attribute_json.h"

using namespace shardscape;

namespace {
const Json& names() {
    static const Json json =
        Json::parse(R"({"#a":"Age","#b":"Tags","#c":"Address","#d":"Visits","#e":"x.y"})");
    return json;
}
const Json& values() {
    static const Json json =
        Json::parse(R"({":a":{"N":"42"},":b":{"S":"blue"},":c":{"SS":["blue","red"]},
        ":d":{"L":[{"N":"1"}]},":e":{"M":{"k":{"BOOL":true}}},":f":{"NS":["1","2"]},":g":{"B":"AAE="},
        ":h":{"N":"-9.99999999999999999999999999999999999E+125"},":i":{"NULL":true}})");
    return json;
}
const Item& item() {
    static const Item value = itemFromJson(Json::parse(R"({"Id":{"S":"1"},"Age":{"N":"42"},
        "Tags":{"SS":["blue","green"]},"Lucky":{"NS":["7"]},"Address":{"M":{"City":{"S":"Oslo"},
        "Geo":{"M":{"Lat":{"N":"59.9"}}}}},"Visits":{"L":[{"N":"1"},{"S":"two"},{"L":[{"N":"3"}]}]},
        "Blob":{"B":"AAECAw=="}})"))
                                  .value();
    return value;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    auto context = ExpressionContext::fromRequest(&names(), &values(), true);
    if (!context) __builtin_trap();
    // '0'..'4' select the kinds, so seeds stay readable; any other byte maps somewhere too.
    const int mode = static_cast<uint8_t>(data[0] - '0') % 5;
    switch (mode) {
        case 0:
        case 1:
        case 2: {
            const ExpressionKind kind = mode == 0   ? ExpressionKind::Condition
                                        : mode == 1 ? ExpressionKind::Filter
                                                    : ExpressionKind::KeyCondition;
            auto condition = parseConditionExpression(kind, text, *context);
            if (condition)
                (void)evaluateCondition(*condition, item());
            else if (condition.error().type != ErrorType::Validation)
                __builtin_trap();
            break;
        }
        case 3: {
            auto paths = parseProjectionExpression(text, *context);
            if (paths) {
                const Item projected = projectItem(item(), *paths);
                auto back = itemFromJson(itemToJson(projected));
                if (!back || !(*back == projected)) __builtin_trap();
            }
            break;
        }
        case 4: {
            auto actions = parseUpdateActions(text, *context);
            if (!actions) break;
            auto updated = applyUpdateActions(*actions, item());
            if (!updated) {
                if (updated.error().type != ErrorType::Validation) __builtin_trap();
                break;
            }
            auto back = itemFromJson(itemToJson(*updated));
            if (!back || !(*back == *updated)) __builtin_trap();
            break;
        }
    }
    return 0;
}
