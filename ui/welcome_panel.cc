#include "welcome_panel.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace shardscape {

namespace {

// Title and description of a bundled file: its "name"/"title" and "description" members
// when it has them, else the file name.
QListWidgetItem* entryFor(const QFileInfo& file) {
    QString title = file.completeBaseName().remove(".shardscape");
    QString description;
    QFile in(file.absoluteFilePath());
    if (in.open(QIODevice::ReadOnly)) {
        const QJsonObject json = QJsonDocument::fromJson(in.readAll()).object();
        for (const char* key : {"name", "title"})
            if (json.value(key).isString()) {
                title = json.value(key).toString();
                break;
            }
        description = json.value("description").toString();
    }
    auto* item = new QListWidgetItem(description.isEmpty() ? title : title + "\n" + description);
    item->setData(Qt::UserRole, file.absoluteFilePath());
    item->setToolTip(file.absoluteFilePath());
    return item;
}

QListWidget* listOf(const QString& directory, const QStringList& patterns, QWidget* parent) {
    auto* list = new QListWidget(parent);
    list->setWordWrap(true);
    list->setAlternatingRowColors(true);
    const auto files = QDir(directory).entryInfoList(patterns, QDir::Files, QDir::Name);
    for (const QFileInfo& file : files) list->addItem(entryFor(file));
    return list;
}

}  // namespace

WelcomePanel::WelcomePanel(const QString& bundledDirectory, QWidget* parent) : QWidget(parent) {
    setObjectName("welcomePanel");
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("<h2>Welcome to Shardscape</h2>"
           "<p>Design DynamoDB tables from their access patterns, load sample data into the "
           "embedded engine, query it, and see how partitions and capacity behave. Start from "
           "a bundled example:</p>"),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(new QLabel(tr("<b>Example models</b>"), this));
    models_ = listOf(bundledDirectory + "/models", {"*.shardscape.json"}, this);
    models_->setObjectName("bundledModels");
    layout->addWidget(models_);
    layout->addWidget(new QLabel(tr("<b>Classroom scenarios</b>"), this));
    scenarios_ = listOf(bundledDirectory + "/scenarios", {"*.json"}, this);
    scenarios_->setObjectName("bundledScenarios");
    layout->addWidget(scenarios_);
    if (bundledDirectory.isEmpty()) {
        auto* missing = new QLabel(tr("No bundled examples were found next to this "
                                      "installation."),
                                   this);
        missing->setWordWrap(true);
        layout->addWidget(missing);
    }
    connect(models_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit modelChosen(item->data(Qt::UserRole).toString());
    });
    connect(scenarios_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit scenarioChosen(item->data(Qt::UserRole).toString());
    });
}

}  // namespace shardscape
