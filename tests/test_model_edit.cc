// Design edits (core/model/model_edit.h) and the facet sample: keys, attribute definitions
// that follow the keys, index limits and rules with clear messages, and items of entity
// types that share a partition-key template landing in the same partitions.
#include <QtTest>

#include "model/facet_sample.h"
#include "model/model_edit.h"
#include "model/model_file.h"
#include "model/model_json.h"
#include "operation_test_support.h"

using namespace shardscape;

class ModelEditTest : public QObject {
    Q_OBJECT
  private slots:
    void setKeyKeepsDefinitionsInStep();
    void lsisFollowTheTablePartitionKey();
    void keyTypesAreSNB();
    void indexLimitsHaveClearMessages();
    void lsiRules();
    void projectedAttributeLimit();
    void renameFollowsAccessPatterns();
    void removeAndAddAttribute();
    void paletteListsKeysTableAndEntityAttributes();
    void facetSampleGroupsSharedPartitions();
    void entityKeyTemplates();
};

namespace {
Model ecommerce() {
    auto model = loadModel(std::string(SHARDSCAPE_SOURCE_DIR) +
                           "/resources/models/ecommerce.shardscape.json");
    if (!model) qFatal("%s", model.error().message.c_str());
    return std::move(model).value();
}

std::vector<std::string> definitionNames(const ModelTable& t) {
    std::vector<std::string> out;
    for (const auto& d : t.attributeDefinitions) out.push_back(d.name);
    return out;
}

ModelIndex gsi(const std::string& name, const std::string& pk) {
    ModelIndex i;
    i.name = name;
    i.partitionKey = pk;
    return i;
}
}  // namespace

void ModelEditTest::setKeyKeepsDefinitionsInStep() {
    const Model before = ecommerce();
    const auto original = modelToJson(before).dump();
    auto after = setKeyAttribute(before, "Shop", "", KeyRole::Partition, "customerId", "S");
    QVERIFY2(after.ok(), after.ok() ? "" : after.error().message.c_str());
    QCOMPARE(modelToJson(before).dump(), original);  // the input is untouched
    const ModelTable& t = after->tables[0];
    QCOMPARE(t.partitionKey, std::string("customerId"));
    // PK is no longer a key anywhere, so CreateTable would refuse its definition.
    const auto names = definitionNames(t);
    QVERIFY(std::find(names.begin(), names.end(), "PK") == names.end());
    QCOMPARE(names.back(), std::string("customerId"));
    QCOMPARE(t.definedType("customerId"), std::string("S"));
    // What an edit creates writes and reads back like the rest of the model.
    auto back = modelFromJson(modelToJson(*after));
    QVERIFY(back.ok());
    QCOMPARE(modelToJson(*back).dump(), modelToJson(*after).dump());

    auto noSort = setKeyAttribute(*after, "Shop", "", KeyRole::Sort, "", "");
    QVERIFY(noSort.ok());
    QVERIFY(!noSort->tables[0].sortKey);
    QCOMPARE(noSort->tables[0].definedType("SK"), std::string());

    auto same = setKeyAttribute(before, "Shop", "", KeyRole::Sort, "PK", "S");
    QVERIFY(!same.ok());
    QVERIFY(same.error().message.find("same name") != std::string::npos);
    auto noPk = setKeyAttribute(before, "Shop", "", KeyRole::Partition, "", "");
    QVERIFY(!noPk.ok());

    auto indexKey = setKeyAttribute(before, "Shop", "GSI2", KeyRole::Sort, "total", "N");
    QVERIFY(indexKey.ok());
    QCOMPARE(*indexKey->tables[0].findIndex("GSI2")->sortKey, std::string("total"));
    QCOMPARE(indexKey->tables[0].definedType("total"), std::string("N"));
    QCOMPARE(indexKey->tables[0].definedType("GSI2SK"), std::string());
}

void ModelEditTest::lsisFollowTheTablePartitionKey() {
    Model m = ecommerce();
    ModelIndex lsi;
    lsi.name = "ByStatus";
    lsi.sortKey = "status";
    auto added = addIndex(m, "Shop", lsi, true, tableAttributePalette(m, "Shop"));
    QVERIFY2(added.ok(), added.ok() ? "" : added.error().message.c_str());
    QCOMPARE(added->tables[0].localSecondaryIndexes[0].partitionKey, std::string("PK"));
    auto moved = setKeyAttribute(*added, "Shop", "", KeyRole::Partition, "customerId", "S");
    QVERIFY(moved.ok());
    QCOMPARE(moved->tables[0].localSecondaryIndexes[0].partitionKey, std::string("customerId"));
    // The table's sort key cannot go while an LSI needs it.
    auto noSort = setKeyAttribute(*added, "Shop", "", KeyRole::Sort, "", "");
    QVERIFY(!noSort.ok());
    QVERIFY(noSort.error().message.find("range key") != std::string::npos);
}

void ModelEditTest::keyTypesAreSNB() {
    auto bad = setKeyAttribute(ecommerce(), "Shop", "", KeyRole::Partition, "flag", "BOOL");
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().message,
             std::string("Key attributes must be strings (S), numbers (N) or binary (B); flag "
                         "is BOOL"));
}

void ModelEditTest::indexLimitsHaveClearMessages() {
    Model m = ecommerce();
    for (int i = 3; i <= 20; ++i) {
        auto next = addIndex(m, "Shop", gsi(testing::numbered("GSI", i), "SK"), false);
        QVERIFY2(next.ok(), next.ok() ? "" : next.error().message.c_str());
        m = std::move(next).value();
    }
    QCOMPARE(m.tables[0].globalSecondaryIndexes.size(), size_t(20));
    auto tooMany = addIndex(m, "Shop", gsi("GSI21", "SK"), false);
    QVERIFY(!tooMany.ok());
    QVERIFY(tooMany.error().message.find("per-table limit of 20") != std::string::npos);
    QCOMPARE(freeIndexName(m.tables[0], false), std::string("GSI21"));

    Model l = ecommerce();
    for (int i = 1; i <= 5; ++i) {
        ModelIndex lsi;
        lsi.name = testing::numbered("LSI", i);
        lsi.sortKey = "GSI1PK";
        auto next = addIndex(l, "Shop", lsi, true);
        QVERIFY2(next.ok(), next.ok() ? "" : next.error().message.c_str());
        l = std::move(next).value();
    }
    ModelIndex sixth;
    sixth.name = "LSI6";
    sixth.sortKey = "GSI1PK";
    auto six = addIndex(l, "Shop", sixth, true);
    QVERIFY(!six.ok());
    QCOMPARE(six.error().message,
             std::string("Cannot have more than 5 local secondary indexes per table"));

    auto duplicate = addIndex(ecommerce(), "Shop", gsi("GSI1", "SK"), false);
    QVERIFY(!duplicate.ok());
    QVERIFY(duplicate.error().message.find("Duplicate index name: GSI1") != std::string::npos);
    auto shortName = addIndex(ecommerce(), "Shop", gsi("G1", "SK"), false);
    QVERIFY(!shortName.ok());
    QVERIFY(shortName.error().message.find("length between 3 and 255") != std::string::npos);
}

void ModelEditTest::lsiRules() {
    Model m = ecommerce();
    ModelIndex lsi;
    lsi.name = "ByStatus";
    lsi.sortKey = "status";
    m = addIndex(m, "Shop", lsi, true, tableAttributePalette(m, "Shop")).value();
    auto otherPk = setKeyAttribute(m, "Shop", "ByStatus", KeyRole::Partition, "SK", "S");
    QVERIFY(!otherPk.ok());
    QVERIFY(otherPk.error().message.find("same partition key as its table (PK)") !=
            std::string::npos);
    auto noSort = setKeyAttribute(m, "Shop", "ByStatus", KeyRole::Sort, "", "");
    QVERIFY(!noSort.ok());
    QVERIFY(noSort.error().message.find("needs a sort key") != std::string::npos);

    Model hashOnly = addTable(ecommerce(), "Plain", "id").value();
    auto onHashOnly = addIndex(hashOnly, "Plain", lsi, true);
    QVERIFY(!onHashOnly.ok());
    QVERIFY(onHashOnly.error().message.find("sort key") != std::string::npos);
}

void ModelEditTest::projectedAttributeLimit() {
    Model m = ecommerce();
    ModelIndex i = *m.tables[0].findIndex("GSI2");
    for (int n = 0; n < 99; ++n) i.projection.nonKeyAttributes.push_back(testing::numbered("a", n));
    auto hundredOne = replaceIndex(m, "Shop", "GSI2", i);  // quantity, price + 99
    QVERIFY(!hundredOne.ok());
    QVERIFY(hundredOne.error().message.find("(101) exceeds the limit of 100") != std::string::npos);
    i.projection.nonKeyAttributes.pop_back();
    QVERIFY(replaceIndex(m, "Shop", "GSI2", i).ok());
    i.projection.type = "KEYS_ONLY";
    auto keysOnly = replaceIndex(m, "Shop", "GSI2", i);
    QVERIFY(!keysOnly.ok());
    QVERIFY(keysOnly.error().message.find("ProjectionType is KEYS_ONLY, but NonKeyAttributes") !=
            std::string::npos);
}

void ModelEditTest::renameFollowsAccessPatterns() {
    Model m = ecommerce();
    ModelIndex i = *m.tables[0].findIndex("GSI1");
    i.name = "ByEmail";
    auto renamed = replaceIndex(m, "Shop", "GSI1", i);
    QVERIFY(renamed.ok());
    QCOMPARE(*renamed->findAccessPattern("findCustomerByEmail")->index, std::string("ByEmail"));
    QVERIFY(!renamed->tables[0].findIndex("GSI1"));
}

void ModelEditTest::removeAndAddAttribute() {
    auto removed = removeIndex(ecommerce(), "Shop", "GSI1");
    QVERIFY(removed.ok());
    QVERIFY(!removed->tables[0].findIndex("GSI1"));
    QCOMPARE(removed->tables[0].definedType("GSI1PK"), std::string());
    QVERIFY(!removeIndex(ecommerce(), "Shop", "Nope").ok());

    auto added = addTableAttribute(ecommerce(), "Shop", "region", "S");
    QVERIFY(added.ok());
    QCOMPARE(added->tables[0].attributes.back().name, std::string("region"));
    QVERIFY(modelFromJson(modelToJson(*added)).ok());
    auto table = addTable(*added, "Plain", "id");
    QVERIFY(table.ok());
    QVERIFY(modelFromJson(modelToJson(*table)).ok());
    auto again = addTableAttribute(*added, "Shop", "region", "N");
    QVERIFY(!again.ok());
    QVERIFY(!addTableAttribute(ecommerce(), "Shop", "email", "S").ok());  // an entity's already
    QVERIFY(!addTable(ecommerce(), "ab", "id").ok());
}

void ModelEditTest::paletteListsKeysTableAndEntityAttributes() {
    const auto palette = tableAttributePalette(ecommerce(), "Shop");
    QVERIFY(palette.size() > 10);
    QCOMPARE(palette[0].name, std::string("PK"));
    QCOMPARE(palette[0].origin, std::string("key"));
    auto find = [&](const std::string& name) -> const PaletteAttribute* {
        for (const auto& p : palette)
            if (p.name == name) return &p;
        return nullptr;
    };
    QVERIFY(find("total") && find("total")->type == "N");
    QCOMPARE(find("orderDate")->origin, std::string("Order, OrderItem"));
    QCOMPARE(std::count_if(palette.begin(), palette.end(),
                           [](const PaletteAttribute& p) { return p.name == "customerId"; }),
             long(1));
}

void ModelEditTest::facetSampleGroupsSharedPartitions() {
    const FacetSample sample = facetSample(ecommerce(), "Shop", 3, 7);
    QVERIFY(sample.problems.empty());
    QCOMPARE(sample.partitionKeyName, std::string("PK"));
    QCOMPARE(sample.entities.size(), size_t(4));
    // Customer and Order share "CUSTOMER#{customerId}": each customer's partition holds its
    // profile and an order, sorted by sort key.
    int shared = 0;
    for (const auto& p : sample.partitions) {
        if (p.partitionKey.rfind("CUSTOMER#", 0) != 0) continue;
        QCOMPARE(p.rows.size(), size_t(2));
        QCOMPARE(p.rows[0].entity, std::string("Order"));
        QCOMPARE(p.rows[1].entity, std::string("Customer"));
        QCOMPARE(p.rows[1].sortKey, std::string("PROFILE"));
        ++shared;
    }
    QCOMPARE(shared, 3);
    // Deterministic for a seed.
    const FacetSample again = facetSample(ecommerce(), "Shop", 3, 7);
    QCOMPARE(again.partitions.front().partitionKey, sample.partitions.front().partitionKey);
    QVERIFY(!facetSample(ecommerce(), "Nope").problems.empty());
}

void ModelEditTest::entityKeyTemplates() {
    const Model m = ecommerce();
    auto edited = setEntityKeyTemplate(m, "Product", "PK", "PRODUCT#{category}#{productId}");
    QVERIFY2(edited.ok(), edited.ok() ? "" : edited.error().message.c_str());
    QCOMPARE(*edited->findEntity("Product")->keyTemplate("PK"),
             std::string("PRODUCT#{category}#{productId}"));
    auto unknown = setEntityKeyTemplate(m, "Product", "PK", "PRODUCT#{colour}");
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().message,
             std::string("The template names {colour}, which is not an attribute of Product"));
    QVERIFY(!setEntityKeyTemplate(m, "Product", "PK", "PRODUCT#{productId").ok());
    // Removing the partition key's template leaves the table's key without a value.
    auto removed = setEntityKeyTemplate(m, "Product", "PK", "");
    QVERIFY(!removed.ok());
    QVERIFY(removed.error().message.find("gives no value for Shop's key attribute PK") !=
            std::string::npos);
    auto gsiKey = setEntityKeyTemplate(m, "Product", "GSI1PK", "CATEGORY#{category}");
    QVERIFY(gsiKey.ok());
    QVERIFY(setEntityKeyTemplate(*gsiKey, "Product", "GSI1PK", "").ok());
    QVERIFY(!setEntityKeyTemplate(m, "Nobody", "PK", "X").ok());
}

QTEST_GUILESS_MAIN(ModelEditTest)
#include "test_model_edit.moc"
