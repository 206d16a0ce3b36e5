package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Labelled;

public enum Grade implements Labelled {
    A("A – très bon état"),
    B("B – traces d'usage"),
    C("C – usure marquée, fonctionnel");

    private final String label;

    Grade(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
