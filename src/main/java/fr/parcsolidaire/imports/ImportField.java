package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.http.Labelled;

import java.util.List;

/** What a column of an imported inventory can hold, with the header names that give it away. */
public enum ImportField implements Labelled {
    TYPE("Type de matériel", List.of("type", "type de materiel", "type materiel", "materiel", "categorie",
            "equipement", "type d equipement", "nature", "device type", "kind", "category")),
    BRAND("Marque", List.of("marque", "fabricant", "constructeur", "brand", "manufacturer", "make")),
    MODEL("Modèle", List.of("modele", "model", "reference", "ref", "modele reference")),
    SERIAL("N° de série", List.of("n de serie", "no de serie", "n serie", "no serie", "numero de serie", "num de serie",
            "num serie", "numero serie", "serie", "sn", "s n", "serial", "serial number", "serial no")),
    TAG("N° d'inventaire", List.of("n d inventaire", "no d inventaire", "numero d inventaire", "num inventaire",
            "n inventaire", "no inventaire", "numero inventaire", "inventaire", "etiquette", "asset tag", "asset",
            "tag", "identifiant", "id")),
    STATE("État", List.of("etat", "statut", "etape", "state", "status")),
    SITE("Site", List.of("site", "structure", "centre", "antenne", "lieu", "atelier")),
    DONOR("Donateur", List.of("donateur", "donatrice", "donneur", "provenance", "origine", "don de", "donne par",
            "entreprise donatrice", "donor", "source")),
    DONOR_KIND("Type de donateur", List.of("type de donateur", "type donateur", "categorie de donateur",
            "categorie donateur", "nature du donateur", "donor type", "donor kind")),
    RECEIVED_ON("Date de réception", List.of("date", "date de reception", "date reception", "date d entree",
            "date entree", "date du don", "recu le", "receptionne le", "entree", "received", "received on",
            "date received"));

    private final String label;
    private final List<String> headers;

    ImportField(String label, List<String> headers) {
        this.label = label;
        this.headers = headers;
    }

    /** The French name shown on the mapping page and in each row's errors. */
    @Override
    public String label() {
        return label;
    }

    List<String> headers() {
        return headers;
    }
}
