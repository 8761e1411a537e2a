// The designer's editors driven offscreen through their real widgets: the bundled e-commerce
// model built from File › New with the widgets only and compared with the bundled file;
// inline messages for bad input that leave the model unchanged; undo and redo restoring the
// exact JSON after every kind of edit; the editors from the keyboard.
#include "design_editor_support.h"

using namespace shardscape;
using namespace shardscape::testing;

class DesignEditorsTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void buildsTheEcommerceModelThroughTheWidgets();
    void badInputShowsInlineMessagesAndChangesNothing();
    void undoRedoRestoresExactJsonAfterEveryEdit();
    void editorsWorkFromTheKeyboard();

  private:
    QTemporaryDir settings_;
};

namespace {

void addPaletteAttribute(DesignerView* view, const QString& name) {
    typeInto(view->palette()->nameEdit(), name);
    view->palette()->typeCombo()->setCurrentText("S");
    QTest::mouseClick(view->palette()->addButton(), Qt::LeftButton);
}

void enterEntityType(DesignerView* view, const EntityType& e) {
    auto* dialog = opened<EntityTypeDialog>(view->newEntityButton(), view);
    QVERIFY(dialog);
    typeInto(dialog->nameEdit(), q(e.name));
    dialog->tableCombo()->setCurrentText(q(e.table));
    dialog->weightSpin()->setValue(e.weight);
    dialog->expectedItemsSpin()->setValue(e.expectedItems);
    for (const auto& a : e.attributes) {
        QTest::mouseClick(dialog->addAttributeButton(), Qt::LeftButton);
        const int row = dialog->attributeTable()->rowCount() - 1;
        QTest::keyClicks(dialog->attributeName(row), q(a.name));
        dialog->attributeType(row)->setCurrentText(q(a.type));
        if (a.generator.is_object()) {
            OrderedJson rest = a.generator;
            chooseData(dialog->generatorKind(row), q(rest["kind"].get<std::string>()));
            rest.erase("kind");
            if (!rest.empty()) QTest::keyClicks(dialog->generatorParameters(row), q(rest.dump()));
        }
    }
    for (const auto& [key, text] : e.keyTemplates) {
        QLineEdit* edit = dialog->templateEdit(q(key));
        QVERIFY2(edit, key.c_str());
        QTest::keyClicks(edit, q(text));
    }
    QVERIFY2(dialog->okButton()->isEnabled(), qPrintable(dialog->messageLabel()->text()));
    clickOk(buttonsOf(dialog));
}

// Reads what the pattern's file text says into the dialog's fields.
struct PatternInput {
    QString partitionValue;
    QString sortCondition;  // "" or "=", "begins_with", ">" ...
    QString sortValue;
    QString filterValues;
};

void enterAccessPattern(DesignerView* view, const AccessPattern& p, const PatternInput& in) {
    auto* dialog = opened<AccessPatternDialog>(view->newPatternButton(), view);
    QVERIFY(dialog);
    typeInto(dialog->nameEdit(), q(p.name));
    QTest::keyClicks(dialog->descriptionEdit(), q(p.description));
    dialog->operationCombo()->setCurrentText(q(p.operation));
    chooseData(dialog->entityCombo(), q(p.entity.value_or("")));
    dialog->tableCombo()->setCurrentText(q(p.table));
    chooseData(dialog->indexCombo(), q(p.index.value_or("")));
    QTest::keyClicks(dialog->partitionValueEdit(), in.partitionValue);
    if (!in.sortCondition.isEmpty()) {
        dialog->sortConditionCombo()->setCurrentText(in.sortCondition);
        QTest::keyClicks(dialog->sortValueEdit(), in.sortValue);
    }
    QTest::keyClicks(dialog->filterEdit(), q(p.filter));
    QTest::keyClicks(dialog->filterValuesEdit(), in.filterValues);
    dialog->rateSpin()->setValue(p.ratePerSecond);
    dialog->itemsSpin()->setValue(static_cast<int>(p.itemsPerRequest));
    dialog->consistentCheck()->setChecked(p.consistentRead);
    QVERIFY2(dialog->okButton()->isEnabled(), qPrintable(dialog->messageLabel()->text()));
    clickOk(buttonsOf(dialog));
}

// A key condition or filter with its placeholders and #names replaced by what they stand
// for: "PK = :pk" with {":pk": "X#{id}"} -> "PK = 'X#{id}'".
std::string resolved(const std::string& expression, const AccessPattern& p) {
    std::string out;
    static const std::regex token("[:#][A-Za-z0-9_]+");
    auto last = expression.cbegin();
    for (auto it = std::sregex_iterator(expression.begin(), expression.end(), token);
         it != std::sregex_iterator(); ++it) {
        out.append(last, expression.cbegin() + it->position());
        const std::string t = it->str();
        const OrderedJson& map = t[0] == ':' ? p.values : p.names;
        auto found = map.find(t);
        if (found == map.end())
            out += t;
        else if (t[0] == ':')
            out += "'" + (found->is_string() ? found->get<std::string>() : found->dump()) + "'";
        else
            out += found->get<std::string>();
        last = expression.cbegin() + it->position() + it->length();
    }
    out.append(last, expression.cend());
    return out;
}

// What "semantically equal" means for two models: the same tables (keys, definitions,
// billing, indexes, projections, Time to Live), entity types (attributes with their
// generators, key templates, weights, sizes), access patterns (with key conditions and
// filters compared by what their placeholders stand for), scenarios and verdicts, and the
// model's name and description. Left out: the table's documented attributes that are also
// its key attributes (the palette documents a name before it becomes a key).
QStringList semanticDifferences(const Model& a, const Model& b) {
    QStringList out;
    auto differ = [&](const QString& what, const std::string& x, const std::string& y) {
        if (x != y) out << QStringLiteral("%1: %2 != %3").arg(what, q(x), q(y));
    };
    differ("model name", a.name, b.name);
    differ("model description", a.description, b.description);
    differ("table count", std::to_string(a.tables.size()), std::to_string(b.tables.size()));
    for (size_t i = 0; i < std::min(a.tables.size(), b.tables.size()); ++i) {
        const ModelTable &x = a.tables[i], &y = b.tables[i];
        auto tableJson = [](const ModelTable& t) {
            OrderedJson j = OrderedJson::object();
            std::map<std::string, std::string> definitions;
            for (const auto& d : t.attributeDefinitions) definitions[d.name] = d.type;
            j["definitions"] = definitions;
            j["keys"] = {t.partitionKey, t.sortKey.value_or("")};
            j["billing"] = {t.billingMode, t.readCapacityUnits, t.writeCapacityUnits};
            j["ttl"] = t.ttlAttribute.value_or("");
            for (const auto* list : {&t.globalSecondaryIndexes, &t.localSecondaryIndexes})
                for (const auto& index : *list)
                    j["indexes"].push_back({index.name, index.partitionKey,
                                            index.sortKey.value_or(""), index.projection.type,
                                            index.projection.nonKeyAttributes,
                                            index.readCapacityUnits, index.writeCapacityUnits});
            std::vector<std::string> documented;
            for (const auto& d : t.attributes)
                if (!definitions.count(d.name)) documented.push_back(d.name + ":" + d.type);
            j["documented"] = documented;
            j["items"] = t.sampleItems;
            return j.dump();
        };
        differ("table " + q(x.name), tableJson(x), tableJson(y));
    }
    differ("entity count", std::to_string(a.entities.size()), std::to_string(b.entities.size()));
    for (size_t i = 0; i < std::min(a.entities.size(), b.entities.size()); ++i) {
        auto entityJson = [](const EntityType& e) {
            OrderedJson j = {{"name", e.name},
                             {"table", e.table},
                             {"weight", e.weight},
                             {"expected", e.expectedItems}};
            std::map<std::string, std::string> templates(e.keyTemplates.begin(),
                                                         e.keyTemplates.end());
            j["templates"] = templates;
            for (const auto& attribute : e.attributes)
                j["attributes"].push_back({attribute.name, attribute.type, attribute.generator});
            j["items"] = e.sampleItems;
            return j.dump();
        };
        differ("entity " + q(a.entities[i].name), entityJson(a.entities[i]),
               entityJson(b.entities[i]));
    }
    differ("pattern count", std::to_string(a.accessPatterns.size()),
           std::to_string(b.accessPatterns.size()));
    for (size_t i = 0; i < std::min(a.accessPatterns.size(), b.accessPatterns.size()); ++i) {
        auto patternJson = [](const AccessPattern& p) {
            return OrderedJson({p.name, p.description, p.operation, p.table, p.index.value_or(""),
                                p.entity.value_or(""), resolved(p.keyCondition, p),
                                resolved(p.filter, p), p.consistentRead, p.ratePerSecond,
                                p.itemsPerRequest, p.filterKeeps.value_or(-1)})
                .dump();
        };
        differ("pattern " + q(a.accessPatterns[i].name), patternJson(a.accessPatterns[i]),
               patternJson(b.accessPatterns[i]));
    }
    differ("scenarios", a.scenarios.dump(), b.scenarios.dump());
    const ModelAnalysis va = analyzeModel(a), vb = analyzeModel(b);
    for (size_t i = 0; i < std::min(va.patterns.size(), vb.patterns.size()); ++i) {
        const auto &x = va.patterns[i], &y = vb.patterns[i];
        differ("verdict of " + q(x.pattern),
               std::string(verdictName(x.verdict)) + " " + x.access + " " + x.reason,
               std::string(verdictName(y.verdict)) + " " + y.access + " " + y.reason);
    }
    return out;
}

}  // namespace

void DesignEditorsTest::initTestCase() {
    QCoreApplication::setOrganizationName("shardscape-tests");
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings_.path());
}

void DesignEditorsTest::buildsTheEcommerceModelThroughTheWidgets() {
    const Model bundled = loadBundled("ecommerce.shardscape.json");
    Harness h;
    h.bench->newAction()->trigger();
    QVERIFY(h.document->model().tables.empty());

    // The table, through the New table… dialog.
    QTimer::singleShot(0, [] {
        auto* input = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
        QVERIFY(input);
        input->setTextValue("Shop");
        input->accept();
    });
    QTest::mouseClick(h.view->newTableButton(), Qt::LeftButton);
    QCOMPARE(h.view->currentTable(), QString("Shop"));
    for (const char* name : {"SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK"})
        addPaletteAttribute(h.view, name);
    choose(h.view->tableSortSlot()->comboBox(), "SK  (S)");
    typeInto(h.view->ttlEdit(), "expiresAt");
    emit h.view->ttlEdit()->editingFinished();

    // Two GSIs keyed on their own overloaded attributes.
    IndexEditor* indexes = h.view->indexEditor();
    for (const char* n : {"1", "2"}) {
        QTest::mouseClick(indexes->addGlobalButton(), Qt::LeftButton);
        QCOMPARE(indexes->selectedIndex(), QString("GSI") + n);
        choose(indexes->partitionSlot()->comboBox(), QString("GSI%1PK  (S)").arg(n));
        choose(indexes->sortSlot()->comboBox(), QString("GSI%1SK  (S)").arg(n));
    }

    for (const auto& e : bundled.entities) enterEntityType(h.view, e);
    QCOMPARE(h.document->model().entities.size(), size_t(4));

    // GSI2 projects quantity and price only.
    indexes->selectIndex("GSI2");
    choose(indexes->projectionCombo(), "INCLUDE");
    auto setProjected = [&](const QString& name, bool on) {
        const auto items = indexes->nonKeyList()->findItems(name, Qt::MatchExactly);
        QCOMPARE(items.size(), 1);
        items.first()->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    };
    const std::string first =
        h.document->model().tables[0].findIndex("GSI2")->projection.nonKeyAttributes.at(0);
    setProjected("quantity", true);
    setProjected("price", true);
    setProjected(q(first), false);
    QCOMPARE(h.document->model().tables[0].findIndex("GSI2")->projection.nonKeyAttributes,
             (std::vector<std::string>{"quantity", "price"}));

    const std::map<std::string, PatternInput> inputs = {
        {"getCustomer", {"CUSTOMER#{customerId}", "=", "PROFILE", ""}},
        {"findCustomerByEmail", {"EMAIL#{email}", "", "", ""}},
        {"listCustomerOrders", {"CUSTOMER#{customerId}", "begins_with", "ORDER#", ""}},
        {"listOpenOrders", {"CUSTOMER#{customerId}", "begins_with", "ORDER#", ":placed = PLACED"}},
        {"getOrderItems", {"ORDER#{orderId}", "begins_with", "ITEM#", ""}},
        {"recentOrdersOfProduct", {"PRODUCT#{productId}", ">", "ORDER#{date}", ""}},
        {"getProduct", {"PRODUCT#{productId}", "=", "DETAILS", ""}},
        {"placeOrder", {"", "", "", ""}},
    };
    for (const auto& p : bundled.accessPatterns) enterAccessPattern(h.view, p, inputs.at(p.name));
    QCOMPARE(h.document->model().accessPatterns.size(), size_t(8));
    QCOMPARE(h.view->accessPatterns()->shownVerdict("listOpenOrders"), QString("amber"));
    QCOMPARE(h.view->accessPatterns()->shownVerdict("recentOrdersOfProduct"), QString("green"));

    // The scenario from the patterns' rates.
    auto* scenario = opened<ScenarioDialog>(h.view->newScenarioButton(), h.view);
    QVERIFY(scenario);
    QTest::keyClicks(scenario->nameEdit(), "Black Friday");
    scenario->durationSpin()->setValue(600);
    scenario->multiplierSpin()->setValue(10);
    for (const char* name : {"placeOrder", "getProduct", "listCustomerOrders"}) {
        const int row = scenario->rowOf(name);
        QVERIFY(row >= 0);
        static_cast<QCheckBox*>(scenario->cell(row, ScenarioDialog::Pattern))->setChecked(true);
    }
    QVERIFY2(scenario->okButton()->isEnabled(), qPrintable(scenario->messageLabel()->text()));
    clickOk(buttonsOf(scenario));

    // Its name and description, through Edit › Model Name and Description….
    h.bench->modelNameAction()->trigger();
    auto* named = h.window.findChild<ModelNameDialog*>();
    QVERIFY(named);
    typeInto(named->nameEdit(), q(bundled.name));
    named->descriptionEdit()->setPlainText(q(bundled.description));
    QTest::mouseClick(named->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);

    // Saved through File › Save As…; the file is the bundled model, semantically.
    QTemporaryDir dir;
    h.chosenFile = dir.filePath("shop.shardscape.json");
    QVERIFY(h.bench->saveAs());
    QVERIFY(h.errors.isEmpty());
    auto saved = loadModel(h.chosenFile.toStdString());
    QVERIFY(saved.ok());
    const QStringList differences = semanticDifferences(*saved, bundled);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join('\n')));
    // The comparison does see a difference when there is one.
    Model changed = *saved;
    changed.accessPatterns[5].values.begin().value() = "PRODUCT#{sku}";
    QCOMPARE(semanticDifferences(changed, bundled).size(), 1);
}

void DesignEditorsTest::badInputShowsInlineMessagesAndChangesNothing() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    const std::string before = h.json();
    const int commands = h.document->undoStack()->count();

    // Entity type: a template naming an attribute the type does not have.
    auto* entity = opened<EntityTypeDialog>(h.view->newEntityButton(), h.view);
    QVERIFY(entity);
    QTest::keyClicks(entity->nameEdit(), "Review");
    QCOMPARE(entity->messageLabel()->text(),
             QString("Entity Review gives no value for Shop's key attribute PK"));
    QVERIFY(entity->messageLabel()->isVisible());
    QVERIFY(!entity->okButton()->isEnabled());
    QTest::mouseClick(entity->addAttributeButton(), Qt::LeftButton);
    QTest::keyClicks(entity->attributeName(0), "reviewId");
    QTest::keyClicks(entity->templateEdit("PK"), "REVIEW#{reviewID}");
    QTest::keyClicks(entity->templateEdit("SK"), "REVIEW");
    QCOMPARE(entity->messageLabel()->text(),
             QString("The template names {reviewID}, which is not an attribute of Review"));
    clickOk(buttonsOf(entity));  // disabled: nothing happens
    QVERIFY(entity->isVisible());
    typeInto(entity->templateEdit("PK"), "REVIEW#{reviewId}");
    QVERIFY(entity->okButton()->isEnabled());
    QVERIFY(!entity->messageLabel()->isVisible());
    // A generator with unreadable parameters, then one its type cannot have.
    chooseData(entity->generatorKind(0), "number");
    QTest::keyClicks(entity->generatorParameters(0), "{min: 1");
    QCOMPARE(entity->messageLabel()->text(),
             QString("The generator parameters of reviewId are not a JSON object: write "
                     "{\"member\": value, …}"));
    QVERIFY(!entity->okButton()->isEnabled());
    // An N key filled from an S attribute mixes types (on a copy of the table with N keys).
    entity->reject();
    QCOMPARE(h.json(), before);

    // Access pattern: a name in use, then a filter DynamoDB would not parse.
    auto* pattern = opened<AccessPatternDialog>(h.view->newPatternButton(), h.view);
    QVERIFY(pattern);
    QCOMPARE(pattern->messageLabel()->text(), QString("An access pattern needs a name"));
    QTest::keyClicks(pattern->nameEdit(), "getProduct");
    QCOMPARE(pattern->messageLabel()->text(),
             QString("The model already has an access pattern named getProduct"));
    QVERIFY(!pattern->okButton()->isEnabled());
    typeInto(pattern->nameEdit(), "listByStatus");
    QTest::keyClicks(pattern->partitionValueEdit(), "CUSTOMER#{customerId}");
    QTest::keyClicks(pattern->filterEdit(), "status = :s");
    QTest::keyClicks(pattern->filterValuesEdit(), ":s = PLACED");
    QCOMPARE(pattern->messageLabel()->text(),
             QString("Invalid FilterExpression: Attribute name is a reserved keyword; reserved "
                     "keyword: status"));
    QCOMPARE(pattern->verdictLabel()->text(), QString("No verdict until the pattern is valid."));
    typeInto(pattern->filterEdit(), "#status = :s");
    QVERIFY(pattern->okButton()->isEnabled());
    typeInto(pattern->filterValuesEdit(), "s = PLACED");
    QCOMPARE(pattern->messageLabel()->text(),
             QString("Write each filter value as :placeholder = value (not 's = PLACED')"));
    pattern->sortConditionCombo()->setCurrentText("BETWEEN");
    typeInto(pattern->filterValuesEdit(), ":s = PLACED");
    QCOMPARE(pattern->messageLabel()->text(), QString("Give the sort key condition its value"));
    clickOk(buttonsOf(pattern));
    QVERIFY(pattern->isVisible());
    pattern->reject();
    QCOMPARE(h.json(), before);

    // Scenario: no pattern ticked, then a duplicate name, then write sharding without keys.
    auto* scenario = opened<ScenarioDialog>(h.view->newScenarioButton(), h.view);
    QVERIFY(scenario);
    QTest::keyClicks(scenario->nameEdit(), "Black Friday");
    QCOMPARE(scenario->messageLabel()->text(),
             QString("A scenario runs at least one access pattern: tick one"));
    const int row = scenario->rowOf("placeOrder");
    static_cast<QCheckBox*>(scenario->cell(row, ScenarioDialog::Pattern))->setChecked(true);
    QCOMPARE(scenario->messageLabel()->text(),
             QString("The model already has a scenario named Black Friday"));
    typeInto(scenario->nameEdit(), "Sharded");
    QVERIFY(scenario->okButton()->isEnabled());
    static_cast<QSpinBox*>(scenario->cell(row, ScenarioDialog::Shards))->setValue(4);
    QCOMPARE(scenario->messageLabel()->text(),
             QString("placeOrder: write sharding needs a chosen key distribution (uniform, Zipf, "
                     "hot key or time-ordered), not the model's"));
    QVERIFY(!scenario->okButton()->isEnabled());
    QVERIFY(!scenario->runButton()->isEnabled());
    scenario->reject();
    QCOMPARE(h.json(), before);

    // Removing what is in use is refused with the designer's message.
    h.view->facetView()->entityList()->setCurrentItem(
        h.view->facetView()->entityList()->topLevelItem(0));
    QTest::mouseClick(h.view->removeEntityButton(), Qt::LeftButton);
    QCOMPARE(h.view->messageLabel()->text(),
             QString("<b>Not applied:</b> The access pattern getCustomer uses Customer: give it "
                     "another entity type or remove it first"));
    h.view->showAccessPattern("Shop", "getProduct");
    QTest::mouseClick(h.view->removePatternButton(), Qt::LeftButton);
    QCOMPARE(h.view->messageLabel()->text(),
             QString("<b>Not applied:</b> The scenario Black Friday runs getProduct: take it out "
                     "of the scenario first"));
    QCOMPARE(h.json(), before);
    QCOMPARE(h.document->undoStack()->count(), commands);

    // The guided start's own check.
    NewModelDialog start;
    typeInto(start.tableEdit(), "ab");
    QCOMPARE(start.messageLabel()->text(),
             QString("Value 'ab' at 'tableName' failed to satisfy constraint: Member must have "
                     "length between 3 and 255"));
    QVERIFY(!start.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    typeInto(start.tableEdit(), "Shop");
    typeInto(start.idEdit(), "");
    QCOMPARE(start.messageLabel()->text(),
             QString("Name the attribute that identifies one Customer"));
    start.emptyChoice()->setChecked(true);
    QVERIFY(start.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
}

void DesignEditorsTest::undoRedoRestoresExactJsonAfterEveryEdit() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    QUndoStack* undo = h.document->undoStack();
    int checked = 0;
    // Runs `edit`, then checks one command was added, undo gives the JSON before, redo the
    // JSON after, and leaves the edit applied.
    auto check = [&](const char* what, const std::function<void()>& edit) {
        const std::string before = h.json();
        const int count = undo->count();
        edit();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        const std::string after = h.json();
        QVERIFY2(after != before, what);
        QVERIFY2(undo->count() == count + 1, what);
        h.bench->undoAction()->trigger();
        QVERIFY2(h.json() == before, what);
        h.bench->redoAction()->trigger();
        QVERIFY2(h.json() == after, what);
        ++checked;
    };
    check("add entity type", [&] {
        auto* d = opened<EntityTypeDialog>(h.view->newEntityButton(), h.view);
        QTest::keyClicks(d->nameEdit(), "Review");
        QTest::mouseClick(d->addAttributeButton(), Qt::LeftButton);
        QTest::keyClicks(d->attributeName(0), "reviewId");
        chooseData(d->generatorKind(0), "uuid");
        QTest::keyClicks(d->templateEdit("PK"), "REVIEW#{reviewId}");
        QTest::keyClicks(d->templateEdit("SK"), "REVIEW");
        clickOk(buttonsOf(d));
    });
    check("edit entity type (rename, attribute, generator, template)", [&] {
        EntityTypeDialog* d = h.view->editEntityType("Review");
        typeInto(d->nameEdit(), "ProductReview");
        QTest::mouseClick(d->addAttributeButton(), Qt::LeftButton);
        QTest::keyClicks(d->attributeName(1), "stars");
        d->attributeType(1)->setCurrentText("N");
        chooseData(d->generatorKind(1), "number");
        QTest::keyClicks(d->generatorParameters(1), "{\"min\": 1, \"max\": 5}");
        typeInto(d->templateEdit("GSI2PK"), "STARS#{stars}");
        clickOk(buttonsOf(d));
    });
    QCOMPARE(h.document->model().findEntity("ProductReview")->attributes[1].generator.dump(),
             std::string("{\"kind\":\"number\",\"min\":1,\"max\":5}"));
    check("add access pattern", [&] {
        auto* d = opened<AccessPatternDialog>(h.view->newPatternButton(), h.view);
        QTest::keyClicks(d->nameEdit(), "reviewsByStars");
        chooseData(d->entityCombo(), "ProductReview");
        chooseData(d->indexCombo(), "GSI2");
        QTest::keyClicks(d->partitionValueEdit(), "STARS#5");
        clickOk(buttonsOf(d));
    });
    QCOMPARE(h.view->accessPatterns()->shownVerdict("reviewsByStars"), QString("green"));
    check("edit access pattern", [&] {
        AccessPatternDialog* d = h.view->editAccessPattern("reviewsByStars");
        d->rateSpin()->setValue(42);
        d->operationCombo()->setCurrentText("Scan");
        typeInto(d->partitionValueEdit(), "");
        clickOk(buttonsOf(d));
    });
    QCOMPARE(h.view->accessPatterns()->shownVerdict("reviewsByStars"), QString("red"));
    check("move access pattern up", [&] {
        h.view->showAccessPattern("Shop", "reviewsByStars");
        QTest::mouseClick(h.view->patternUpButton(), Qt::LeftButton);
    });
    QCOMPARE(h.document->model().accessPatterns[7].name, std::string("reviewsByStars"));
    check("move access pattern down", [&] {
        h.view->showAccessPattern("Shop", "getCustomer");
        QTest::mouseClick(h.view->patternDownButton(), Qt::LeftButton);
    });
    check("add scenario", [&] {
        auto* d = opened<ScenarioDialog>(h.view->newScenarioButton(), h.view);
        QTest::keyClicks(d->nameEdit(), "Review storm");
        const int row = d->rowOf("getProduct");
        static_cast<QCheckBox*>(d->cell(row, ScenarioDialog::Pattern))->setChecked(true);
        static_cast<QComboBox*>(d->cell(row, ScenarioDialog::Shape))->setCurrentIndex(1);
        static_cast<QDoubleSpinBox*>(d->cell(row, ScenarioDialog::Peak))->setValue(3);
        static_cast<QComboBox*>(d->cell(row, ScenarioDialog::Keys))->setCurrentIndex(3);
        static_cast<QDoubleSpinBox*>(d->cell(row, ScenarioDialog::Skew))->setValue(0.4);
        static_cast<QSpinBox*>(d->cell(row, ScenarioDialog::Shards))->setValue(8);
        clickOk(buttonsOf(d));
        QCOMPARE(h.view->scenarioCombo()->currentText(), QString("Review storm"));
    });
    QCOMPARE(h.document->model().scenarios[1].dump(),
             std::string("{\"name\":\"Review storm\",\"accessPatterns\":[{\"name\":\"getProduct\","
                         "\"rate\":{\"type\":\"spikes\",\"base\":500,\"spikes\":[{\"startSecond\":"
                         "200,\"durationSeconds\":60,\"rate\":1500}]},\"keys\":{\"distribution\":"
                         "\"hotKey\",\"keyCount\":1000,\"hotShare\":0.4,\"shards\":8}}],"
                         "\"durationSeconds\":600}"));
    check("edit scenario", [&] {
        ScenarioDialog* d = h.view->editScenario("Review storm");
        // The form reads the saved scenario back as it was built.
        const int row = d->rowOf("getProduct");
        QCOMPARE(static_cast<QComboBox*>(d->cell(row, ScenarioDialog::Shape))->currentData(),
                 QVariant("spikes"));
        QCOMPARE(static_cast<QSpinBox*>(d->cell(row, ScenarioDialog::Shards))->value(), 8);
        d->durationSpin()->setValue(120);
        QVERIFY2(d->okButton()->isEnabled(), qPrintable(d->messageLabel()->text()));
        clickOk(buttonsOf(d));
    });
    check("remove scenario", [&] {
        h.view->scenarioCombo()->setCurrentText("Review storm");
        QTest::mouseClick(h.view->removeScenarioButton(), Qt::LeftButton);
    });
    check("remove access pattern", [&] {
        h.view->showAccessPattern("Shop", "reviewsByStars");
        QTest::mouseClick(h.view->removePatternButton(), Qt::LeftButton);
    });
    check("remove entity type", [&] {
        QTreeWidget* list = h.view->facetView()->entityList();
        const auto rows = list->findItems("ProductReview", Qt::MatchExactly, 0);
        QCOMPARE(rows.size(), 1);
        list->setCurrentItem(rows.first());
        QTest::mouseClick(h.view->removeEntityButton(), Qt::LeftButton);
    });
    check("operation, updates and projection", [&] {
        AccessPatternDialog* d = h.view->editAccessPattern("placeOrder");
        QVERIFY(!d->updatesEdit()->isEnabled());
        d->operationCombo()->setCurrentText("UpdateItem");
        QVERIFY(d->updatesEdit()->isEnabled());
        QTest::keyClicks(d->updatesEdit(), "status, total");
        QTest::keyClicks(d->projectionEdit(), "orderId");
        clickOk(buttonsOf(d));
    });
    QCOMPARE(h.document->model().findAccessPattern("placeOrder")->updates,
             (std::vector<std::string>{"status", "total"}));
    QCOMPARE(h.document->model().findAccessPattern("placeOrder")->projection,
             (std::vector<std::string>{"orderId"}));
    check("model name and description", [&] {
        h.bench->modelNameAction()->trigger();
        ModelNameDialog* d = nullptr;
        for (auto* candidate : h.window.findChildren<ModelNameDialog*>())
            if (candidate->isVisible()) d = candidate;
        QVERIFY(d);
        typeInto(d->nameEdit(), "");
        QCOMPARE(d->messageLabel()->text(), QString("A model needs a name"));
        QVERIFY(!d->buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        QTest::keyClicks(d->nameEdit(), "Shop v2");
        d->descriptionEdit()->setPlainText("Second try");
        QTest::mouseClick(d->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
    QCOMPARE(h.document->model().name, std::string("Shop v2"));
    check("time to live", [&] {
        typeInto(h.view->ttlEdit(), "");
        emit h.view->ttlEdit()->editingFinished();
    });
    QVERIFY(!h.document->model().tables[0].ttlAttribute);
    QCOMPARE(checked, 14);
    // Undo back to the file as opened.
    while (undo->canUndo()) h.bench->undoAction()->trigger();
    QCOMPARE(h.json(), modelToJson(loadBundled("ecommerce.shardscape.json")).dump());
}

void DesignEditorsTest::editorsWorkFromTheKeyboard() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    // Every labelled field has a buddy its mnemonic focuses.
    const QList<QDialog*> dialogs = {h.view->editEntityType("Order"),
                                     h.view->editAccessPattern("listOpenOrders"),
                                     h.view->editScenario("Black Friday")};
    for (QDialog* dialog : dialogs) {
        int labelled = 0;
        for (QLabel* label : dialog->findChildren<QLabel*>()) {
            if (!label->text().contains('&') || label->text().contains("&nbsp;")) continue;
            QVERIFY2(label->buddy(), qPrintable(dialog->objectName() + ": " + label->text()));
            ++labelled;
        }
        QVERIFY2(labelled >= 3, qPrintable(dialog->objectName()));
        dialog->reject();
    }
    // Tab walks the access pattern editor in reading order.
    AccessPatternDialog* d = h.view->editAccessPattern("listOpenOrders");
    QList<QWidget*> order;
    for (QWidget* w = d->nameEdit(); order.size() < 8; w = w->nextInFocusChain())
        if (w->focusPolicy() & Qt::TabFocus && w->isEnabled() && w->isVisibleTo(d)) order << w;
    QCOMPARE(order.value(1), static_cast<QWidget*>(d->descriptionEdit()));
    QCOMPARE(order.value(2), static_cast<QWidget*>(d->operationCombo()));
    QCOMPARE(order.value(3), static_cast<QWidget*>(d->entityCombo()));
    QCOMPARE(order.value(4), static_cast<QWidget*>(d->tableCombo()));
    QCOMPARE(order.value(5), static_cast<QWidget*>(d->indexCombo()));
    QCOMPARE(order.value(6), static_cast<QWidget*>(d->partitionValueEdit()));
    QCOMPARE(order.value(7), static_cast<QWidget*>(d->sortConditionCombo()));
    // Escape cancels; OK from the keyboard applies: the editors are ordinary dialogs.
    d->rateSpin()->setValue(21);
    QTest::keyClick(d, Qt::Key_Escape);
    QCOMPARE(h.document->model().findAccessPattern("listOpenOrders")->ratePerSecond, 20.0);
    d = h.view->editAccessPattern("listOpenOrders");
    d->rateSpin()->setValue(21);
    QTest::keyClick(d->okButton(), Qt::Key_Space);
    QCOMPARE(h.document->model().findAccessPattern("listOpenOrders")->ratePerSecond, 21.0);
}

QTEST_MAIN(DesignEditorsTest)
#include "test_design_editors.moc"
