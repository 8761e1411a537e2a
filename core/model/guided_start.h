#pragma once
// File › New's guided start: from a table name, an entity type name, the attribute that
// identifies one item and the expected rate, the first steps of a single-table design, each
// one edit (so each can be undone):
//
//   1. the table, keyed on PK (S) and SK (S)
//   2. the entity type with its id attribute (uuid generator) and key templates
//      PK = "ORDER#{orderId}", SK = "ORDER" (the entity's name in capitals)
//   3. an access pattern "getOrder": GetItem of one item by its id, at the rate given
//
// The third step is served by the second, so the designer shows a green verdict.

#include <string>

#include "base/result.h"
#include "model/model.h"

namespace shardscape {

struct GuidedStart {
    std::string table;
    std::string entity;
    std::string idAttribute;
    double ratePerSecond = 100;
};

// The three steps, each applied to the result of the one before.
Result<Model> guidedStartTable(const Model& model, const GuidedStart& start);
Result<Model> guidedStartEntity(const Model& model, const GuidedStart& start);
Result<Model> guidedStartPattern(const Model& model, const GuidedStart& start);

}  // namespace shardscape
