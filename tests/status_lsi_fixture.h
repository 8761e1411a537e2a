#pragma once
// Shared by the Suggest-a-fix suites: the bundled e-commerce model's table "Shop" gains an LSI
// "LSI1" on `status` that projects keys only, and a pattern "ordersInState" that reads it for
// orderId and total, which the LSI must then fetch from the table.

#include "model/model.h"

namespace shardscape::testing {

inline void addOrdersInStateOnAKeysOnlyLsi(Model& model) {
    ModelIndex byStatus;
    byStatus.name = "LSI1";
    byStatus.partitionKey = "PK";
    byStatus.sortKey = "status";
    byStatus.projection.type = "KEYS_ONLY";
    model.tables[0].localSecondaryIndexes.push_back(byStatus);
    ModelAttribute status;
    status.name = "status";
    status.type = "S";
    model.tables[0].attributeDefinitions.push_back(status);
    AccessPattern byState;
    byState.name = "ordersInState";
    byState.operation = "Query";
    byState.table = "Shop";
    byState.index = "LSI1";
    byState.keyCondition = "PK = :pk AND #s = :state";
    byState.names = OrderedJson::parse(R"({"#s": "status"})");
    byState.values = OrderedJson::parse(R"({":pk": "CUSTOMER#{customerId}", ":state": "PLACED"})");
    byState.entity = "Order";
    byState.projection = {"orderId", "total"};
    byState.itemsPerRequest = 4;
    byState.ratePerSecond = 50;
    model.accessPatterns.push_back(byState);
}

}  // namespace shardscape::testing
